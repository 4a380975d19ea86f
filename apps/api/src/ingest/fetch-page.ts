import {
  isWebAddress,
  MAX_ARTICLE_BYTES,
  MAX_ARTICLE_SIZE_LABEL,
  MAX_WEB_ADDRESS_LENGTH,
} from "@headcount/shared";
import robotsParser from "robots-parser";

/**
 * Fetching pages and feeds from the web, politely and within bounds: a User-Agent that names Headcount,
 * robots.txt honoured, a time limit for the first answer and one for the whole transfer, a size limit
 * (the article limit), and redirects followed by hand so that every hop is checked again.
 */
export const USER_AGENT = "Headcount/0.1 (news claim extractor; honours robots.txt for Headcount)";
/** The product token robots.txt groups are matched against. */
const ROBOTS_AGENT = "Headcount";

export interface FetchLimits {
  /** Until the server answers with headers (covers connecting). */
  answerTimeoutMs: number;
  /** For the whole transfer, redirects and body included. */
  totalTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  answerTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBytes: MAX_ARTICLE_BYTES,
  maxRedirects: 5,
};

/** A URL that could not be fetched, with the reason in words. */
export class FetchRefused extends Error {}

export interface FetchedResource {
  /** The URL asked for. */
  requestedUrl: string;
  /** Where the content was found, after redirects. */
  url: string;
  contentType: string;
  charset: string | null;
  bytes: Uint8Array;
  fetchedAt: Date;
}

/**
 * Whether a text is a web address Headcount fetches: http or https only. The single rule for URLs given
 * to ingest and feeds; returns the reason when it is not one.
 */
export function checkWebUrl(text: string): { url: URL } | { reason: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { reason: "not a valid URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { reason: `only http and https URLs are fetched, not ${url.protocol.replace(/:$/, "")}` };
  if (url.username || url.password) return { reason: "URLs with a user name or password are not fetched" };
  // The address is stored (and indexed) as written out, percent-encoding included: the one rule's bound.
  if (!isWebAddress(url.href))
    return { reason: `the address is longer than ${MAX_WEB_ADDRESS_LENGTH.toLocaleString("en-US")} bytes` };
  return { url };
}

/** Whether a command-line argument is meant as a URL rather than a path (it has a scheme and `//`). */
export function looksLikeUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
}

const seconds = (ms: number) => `${ms / 1000} s`;

/** One GET without following redirects, answered within the answer limit. */
async function request(url: URL, accept: string, limits: FetchLimits, total: AbortSignal) {
  const answer = AbortSignal.timeout(limits.answerTimeoutMs);
  try {
    return await fetch(url, {
      redirect: "manual",
      headers: { "user-agent": USER_AGENT, accept },
      signal: AbortSignal.any([answer, total]),
    });
  } catch (error) {
    if (total.aborted) throw new FetchRefused(`not fetched within ${seconds(limits.totalTimeoutMs)}`);
    if (answer.aborted) throw new FetchRefused(`no answer within ${seconds(limits.answerTimeoutMs)}`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new FetchRefused(
      `could not connect: ${cause?.code ?? cause?.message ?? (error as Error).message}`.trim(),
    );
  }
}

/** Reads a body up to maxBytes, stopping (and refusing) as soon as it grows past it. */
async function readBody(response: Response, limits: FetchLimits, total: AbortSignal): Promise<Uint8Array> {
  const tooLarge = (size: string) =>
    new FetchRefused(
      `too large: ${size} (the limit is ${limits.maxBytes === MAX_ARTICLE_BYTES ? MAX_ARTICLE_SIZE_LABEL : `${limits.maxBytes} bytes`})`,
    );
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(`${(declared / 1024 / 1024).toFixed(1)} MB announced`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(`more than ${(limits.maxBytes / 1024 / 1024).toFixed(1)} MB sent`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof FetchRefused) throw error;
    if (total.aborted) throw new FetchRefused(`not fetched within ${seconds(limits.totalTimeoutMs)}`);
    throw new FetchRefused(`the transfer broke off: ${(error as Error).message}`);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** GET with redirects followed by hand (each hop re-checked), bounded in time, hops and size. */
async function fetchBounded(
  start: URL,
  accept: string,
  limits: FetchLimits,
): Promise<{ response: Response; url: URL; bytes: Uint8Array }> {
  const total = AbortSignal.timeout(limits.totalTimeoutMs);
  const visited = new Set<string>();
  let url = start;
  for (let hop = 0; ; hop++) {
    visited.add(url.href);
    const response = await request(url, accept, limits, total);
    if (response.status >= 300 && response.status < 400 && response.headers.has("location")) {
      await response.body?.cancel().catch(() => {});
      const location = response.headers.get("location") ?? "";
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new FetchRefused(`redirected to an invalid address (${location.slice(0, 200)})`);
      }
      const checked = checkWebUrl(next.href);
      if ("reason" in checked) throw new FetchRefused(`redirected to ${next.href}: ${checked.reason}`);
      if (visited.has(next.href)) throw new FetchRefused(`redirect loop (back to ${next.href})`);
      if (hop + 1 > limits.maxRedirects)
        throw new FetchRefused(`more than ${limits.maxRedirects} redirects, the limit`);
      url = next;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new FetchRefused(`the server answered ${response.status} ${response.statusText}`.trim());
    }
    return { response, url, bytes: await readBody(response, limits, total) };
  }
}

// robots.txt is read once per site for a while, as crawlers do.
const ROBOTS_TTL_MS = 10 * 60_000;
const ROBOTS_MAX_BYTES = 512 * 1024;
const robotsCache = new Map<string, { expires: number; allows: (url: string) => boolean }>();

/** Whether the site's robots.txt lets Headcount fetch this URL (RFC 9309 reading of missing/unreachable). */
async function robotsAllow(url: URL, limits: FetchLimits): Promise<void> {
  const robotsUrl = new URL("/robots.txt", url.origin).href;
  let entry = robotsCache.get(url.origin);
  if (!entry || entry.expires < Date.now()) {
    let allows: (target: string) => boolean;
    try {
      const { bytes } = await fetchBounded(new URL(robotsUrl), "text/plain", {
        ...limits,
        maxBytes: ROBOTS_MAX_BYTES,
      });
      const robots = robotsParser(robotsUrl, new TextDecoder().decode(bytes));
      allows = (target) => robots.isAllowed(target, ROBOTS_AGENT) !== false;
    } catch (error) {
      const status = /answered (\d{3})/.exec((error as Error).message)?.[1];
      // No robots.txt (4xx) means no restriction; a site that fails to answer it (5xx) is left alone.
      if (status && Number(status) >= 400 && Number(status) < 500) allows = () => true;
      else
        throw new FetchRefused(
          `its robots.txt could not be read (${(error as Error).message}); the site is left alone until it can`,
        );
    }
    entry = { expires: Date.now() + ROBOTS_TTL_MS, allows };
    robotsCache.set(url.origin, entry);
  }
  if (!entry.allows(url.href)) throw new FetchRefused(`robots.txt at ${robotsUrl} disallows it`);
}

/** Forgets what robots.txt files said (tests; a long-running worker re-reads them every ten minutes). */
export function forgetRobots(): void {
  robotsCache.clear();
}

function mediaType(contentType: string): { type: string; charset: string | null } {
  const [type = "", ...parameters] = contentType.split(";");
  const charset = parameters
    .map((p) => /^\s*charset\s*=\s*"?([^";\s]+)/i.exec(p)?.[1])
    .find((value) => value !== undefined);
  return { type: type.trim().toLowerCase(), charset: charset?.toLowerCase() ?? null };
}

/**
 * Fetches a web resource whose media type is one of `accepted` (robots.txt, redirects, limits as above).
 * Throws FetchRefused with the reason.
 */
export async function fetchResource(
  address: string,
  accepted: { types: string[]; label: string; accept: string },
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<FetchedResource> {
  const checked = checkWebUrl(address);
  if ("reason" in checked) throw new FetchRefused(checked.reason);
  await robotsAllow(checked.url, limits);
  const { response, url, bytes } = await fetchBounded(checked.url, accepted.accept, limits);
  const { type, charset } = mediaType(response.headers.get("content-type") ?? "");
  if (!accepted.types.includes(type))
    throw new FetchRefused(`not ${accepted.label}: the server sent ${type || "no content type"}`);
  return { requestedUrl: address, url: url.href, contentType: type, charset, bytes, fetchedAt: new Date() };
}

export const HTML_PAGE = {
  types: ["text/html", "application/xhtml+xml"],
  label: "an HTML page",
  accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
};

export const FEED_DOCUMENT = {
  types: [
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
  ],
  label: "an RSS or Atom feed",
  accept: "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1",
};
