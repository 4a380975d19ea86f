/**
 * The one rule for addresses Headcount stores or follows. An article's address must be an absolute
 * http(s) URL with a host: `javascript:`, `data:`, `file:` and the like are refused wherever an address
 * enters (the API, HTML and JSON files, manifests), because the dashboard renders it as a link.
 */
export function isWebAddress(value: string): boolean {
  if (utf8Length(value) > MAX_WEB_ADDRESS_LENGTH || CONTROL_OR_SPACE.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}

/** The address itself when it follows the rule above, else null (for sources where it is optional). */
export function webAddressOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && isWebAddress(trimmed) ? trimmed : null;
}

/** The longest address, in UTF-8 bytes: an address is indexed, and 2,000 CJK characters are 6 kB. */
export const MAX_WEB_ADDRESS_LENGTH = 2048;

const utf8 = new TextEncoder();
function utf8Length(value: string): number {
  // Every UTF-16 unit takes at most 3 bytes: a short string needs no encoding to be counted.
  return value.length * 3 <= MAX_WEB_ADDRESS_LENGTH ? value.length : utf8.encode(value).length;
}

// C0 controls, DEL, C1 controls and any whitespace: browsers strip or reinterpret them inside URLs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\s]/u;

/**
 * Where to go after signing in: a path on this same site, or the fallback. Browsers read `\` as `/` and
 * drop tabs and newlines, so `/\evil.example` or `/<TAB>/evil.example` would leave the site; the path is
 * resolved against a placeholder origin and kept only when it stays on that origin.
 */
export function sameOriginPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || value.length > MAX_WEB_ADDRESS_LENGTH) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  if (CONTROL_OR_SPACE.test(value)) return fallback;
  const base = "https://same-origin.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? fallback : path;
}
