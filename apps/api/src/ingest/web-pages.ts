import { decodeText, isRejected, type RejectedInput, type SourceDocument } from "./documents.ts";
import {
  checkWebUrl,
  DEFAULT_FETCH_LIMITS,
  type FetchLimits,
  FetchRefused,
  fetchResource,
  HTML_PAGE,
} from "./fetch-page.ts";
import { declaredCharset } from "./html.ts";
import { DocumentRefused, readDocuments } from "./reader-pool.ts";

/** The absolute http(s) form of the address a page names for itself, or null. */
function canonicalOf(named: string | null | undefined, base: string): string | null {
  if (!named) return null;
  try {
    const resolved = new URL(named, base).href;
    return "url" in checkWebUrl(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

/**
 * Fetches a news page and reads it with the HTML path (reader threads): the article's text and metadata,
 * the address it was fetched from, the address it names as canonical, and when. Throws FetchRefused.
 */
export async function fetchPage(
  address: string,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<SourceDocument> {
  const page = await fetchResource(address, HTML_PAGE, limits);
  const decoded = decodeText(page.bytes, page.charset ?? declaredCharset(page.bytes));
  if ("reason" in decoded) throw new FetchRefused(decoded.reason);
  const items = await readDocuments({ origin: address, format: "html", text: decoded.text }).catch(
    (error: unknown) => {
      throw new FetchRefused(
        error instanceof DocumentRefused
          ? error.message
          : `could not be read: ${(error as Error).message.slice(0, 200)}`,
      );
    },
  );
  const item = items[0];
  if (!item) throw new FetchRefused("no article text found in the HTML");
  if (isRejected(item)) throw new FetchRefused(item.reason);
  return {
    ...item,
    url: page.url,
    canonicalUrl: canonicalOf(item.url, page.url),
    fetchedAt: page.fetchedAt.toISOString(),
  };
}

/** Fetches pages a few at a time; each URL that fails is refused alone, with its reason. */
export async function collectPages(
  addresses: string[],
  options: { concurrency?: number; limits?: FetchLimits } = {},
): Promise<{ documents: SourceDocument[]; rejected: RejectedInput[] }> {
  const results: (SourceDocument | RejectedInput)[] = new Array(addresses.length);
  let next = 0;
  const fetchNext = async (): Promise<void> => {
    for (let index = next++; index < addresses.length; index = next++) {
      const address = addresses[index] as string;
      results[index] = await fetchPage(address, options.limits).catch(
        (error: unknown): RejectedInput => ({
          origin: address,
          reason: error instanceof FetchRefused ? error.message : (error as Error).message,
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, fetchNext));
  return {
    documents: results.filter((r): r is SourceDocument => !isRejected(r)),
    rejected: results.filter(isRejected),
  };
}
