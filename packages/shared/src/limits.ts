/**
 * The largest article Headcount takes, as UTF-8 bytes of the text or the page's HTML: news pages with their
 * markup run to several hundred kB, rarely past 1 MB. The same limit holds for a file given to the CLI, a
 * paste in the dashboard and `ingestArticle`; the API's request body limit is sized from it.
 */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/** "2 MB", for messages that name the limit. */
export const MAX_ARTICLE_SIZE_LABEL = `${MAX_ARTICLE_BYTES / 1024 / 1024} MB`;
