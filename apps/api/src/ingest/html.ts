import { webAddressOrNull } from "@headcount/shared";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

export interface HtmlArticle {
  title: string | null;
  /** The main text, paragraphs separated by blank lines. */
  text: string;
  url: string | null;
  outlet: string | null;
  publishedAt: string | null;
}

interface JsonLdArticle {
  headline?: string;
  datePublished?: string;
  url?: string;
  publisher?: { name?: string } | string;
}

const NEWS_TYPES = new Set([
  "NewsArticle",
  "Article",
  "ReportageNewsArticle",
  "AnalysisNewsArticle",
  "BlogPosting",
]);

function jsonLdArticle(document: Document): JsonLdArticle | null {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
    } catch {
      continue;
    }
    const candidates: unknown[] = Array.isArray(data)
      ? data
      : typeof data === "object" && data !== null && "@graph" in data
        ? ((data as { "@graph": unknown[] })["@graph"] ?? [])
        : [data];
    for (const candidate of candidates) {
      if (typeof candidate !== "object" || candidate === null) continue;
      const type = (candidate as { "@type"?: unknown })["@type"];
      const types = Array.isArray(type) ? type : [type];
      if (types.some((t) => typeof t === "string" && NEWS_TYPES.has(t))) return candidate as JsonLdArticle;
    }
  }
  return null;
}

function meta(document: Document, ...selectors: string[]): string | null {
  for (const selector of selectors) {
    const content = document.querySelector(selector)?.getAttribute("content")?.trim();
    if (content) return content;
  }
  return null;
}

/** Block-level text of the readable article, one paragraph per block, so sentences never run together. */
function blockText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks: string[] = [];
  for (const element of document.querySelectorAll("p, h1, h2, h3, h4, h5, h6, li, blockquote, pre")) {
    // Nested blocks (a <p> inside a <blockquote>) are taken once, at the innermost level.
    if (element.querySelector("p, li, blockquote, pre")) continue;
    const text = (element.textContent ?? "").replace(/\s+/g, " ").trim();
    if (text) blocks.push(text);
  }
  if (blocks.length === 0) return (document.body.textContent ?? "").replace(/[ \t]+/g, " ").trim();
  return blocks.join("\n\n");
}

/**
 * Deepest nesting a page may have. Browsers build no deeper tree either (Blink stops nesting at 512
 * elements); real news pages stay well under 100, while thousands of nested elements make the DOM
 * library and Readability walk the page quadratically.
 */
export const MAX_HTML_DEPTH = 512;

// Elements that never contain others, or that the parser closes by itself when the next one opens.
const NON_NESTING = new Set(
  "area base br col embed hr img input link meta param source track wbr p li dt dd option tr td th".split(
    " ",
  ),
);

/** How deeply a page's elements nest, read in one linear pass over its tags (stops past `limit`). */
export function htmlNestingDepth(html: string, limit = MAX_HTML_DEPTH): number {
  // `[^<>]*` stops at the next bracket, so a stray `<` costs one step, not a scan to the end.
  const tag = /<(\/?)([a-zA-Z][\w:-]*)(?=[\s/>])[^<>]*?(\/?)>/g;
  let depth = 0;
  let deepest = 0;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    const name = (match[2] as string).toLowerCase();
    if (NON_NESTING.has(name) || match[3] === "/") continue;
    if (match[1] === "/") depth = Math.max(0, depth - 1);
    else {
      depth++;
      deepest = Math.max(deepest, depth);
      if (deepest > limit) break;
    }
  }
  return deepest;
}

/** A page refused before it is parsed, with the reason in words. */
export class HtmlRefused extends Error {}

/**
 * The main text and metadata of a news page: Readability (Mozilla's reader view) for the text, then
 * JSON-LD NewsArticle, Open Graph / article meta tags and <title> for the metadata, in that order of trust.
 */
export function readHtmlArticle(html: string): HtmlArticle {
  const depth = htmlNestingDepth(html);
  if (depth > MAX_HTML_DEPTH)
    throw new HtmlRefused(`its elements nest more than ${MAX_HTML_DEPTH} levels deep, the limit`);
  // linkedom gives no document element for an input without any markup; wrap such text in a page.
  const { document } = parseHTML(
    /<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`,
  );
  const ld = jsonLdArticle(document as unknown as Document);
  const headTitle = document.querySelector("title")?.textContent?.trim() || null;
  const publisher = typeof ld?.publisher === "string" ? ld.publisher : ld?.publisher?.name;
  const metadata = {
    title:
      ld?.headline?.trim() || meta(document as unknown as Document, 'meta[property="og:title"]') || headTitle,
    // The first of the page's own addresses that is an http(s) URL; `javascript:` and the like are ignored.
    url:
      [
        typeof ld?.url === "string" ? ld.url : null,
        meta(document as unknown as Document, 'meta[property="og:url"]'),
        document.querySelector('link[rel="canonical"]')?.getAttribute("href"),
      ]
        .map(webAddressOrNull)
        .find((url) => url !== null) ?? null,
    outlet: publisher?.trim() || meta(document as unknown as Document, 'meta[property="og:site_name"]'),
    publishedAt:
      ld?.datePublished ||
      meta(
        document as unknown as Document,
        'meta[property="article:published_time"]',
        'meta[name="pubdate"]',
        'meta[name="date"]',
        'meta[itemprop="datePublished"]',
      ) ||
      document.querySelector("time[datetime]")?.getAttribute("datetime") ||
      null,
  };
  const readable = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  const text = readable?.content ? blockText(readable.content) : (readable?.textContent ?? "").trim();
  return {
    title: metadata.title ?? readable?.title ?? null,
    text,
    url: metadata.url,
    outlet: metadata.outlet ?? readable?.siteName ?? null,
    publishedAt: metadata.publishedAt ?? readable?.publishedTime ?? null,
  };
}

/** The charset a page declares in its first bytes, if any (`<meta charset>` or the http-equiv form). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048));
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return match?.[1]?.toLowerCase() ?? null;
}
