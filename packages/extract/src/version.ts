/**
 * The extractor's version, stored with every claim it makes. Its own module so that the API and the CLIs can
 * read it without loading the extractor (which runs in worker threads).
 */
export const EXTRACTOR_VERSION = "1.15.0";
