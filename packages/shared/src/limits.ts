/**
 * The largest article Headcount takes, as UTF-8 bytes of the text or the page's HTML: news pages with their
 * markup run to several hundred kB, rarely past 1 MB. The same limit holds for a file given to the CLI, a
 * paste in the dashboard and `ingestArticle`; the API's request body limit is sized from it.
 */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/** "2 MB", for messages that name the limit. */
export const MAX_ARTICLE_SIZE_LABEL = `${MAX_ARTICLE_BYTES / 1024 / 1024} MB`;

/**
 * The longest name an entity or alias may have, in characters. Real names run to a few dozen; a longer
 * "name" is a run of capitalised words read as one, and names are indexed (PostgreSQL cannot index a value
 * over about 2.7 kB).
 */
export const MAX_ENTITY_NAME_LENGTH = 200;
