import { createHash } from "node:crypto";
import { brotliCompressSync, gzipSync, constants as zlibConstants } from "node:zlib";
import type { Plugin } from "graphql-yoga";
import type { Context } from "../graphql/context.ts";

/**
 * The API's pages may not be framed, sniffed or leak their address, and GraphiQL may run only its own two
 * inline scripts (allowed by hash, computed from the page as rendered). GraphiQL is some 9 MB of HTML:
 * it goes out compressed, compressed once per page and encoding.
 */
export function useSecurityHeaders(): Plugin<Context> {
  let page: { html: string; policy: string; encoded: Map<string, Buffer> } | undefined;
  return {
    async onResponse({ request, response, setResponse }) {
      const headers = response.headers;
      headers.set("x-content-type-options", "nosniff");
      headers.set("x-frame-options", "DENY");
      headers.set("referrer-policy", "no-referrer");
      if (!headers.get("content-type")?.startsWith("text/html") || response.status !== 200) {
        headers.set("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
        return;
      }
      const html = await response.text();
      if (page?.html !== html) page = { html, policy: graphiqlPolicy(html), encoded: new Map() };
      headers.set("content-security-policy", page.policy);
      headers.set("vary", "accept-encoding");
      headers.delete("content-length");
      const accepted = request.headers.get("accept-encoding") ?? "";
      const encoding = /\bbr\b/.test(accepted) ? "br" : /\bgzip\b/.test(accepted) ? "gzip" : null;
      if (!encoding) {
        setResponse(new Response(html, { status: response.status, headers }));
        return;
      }
      let body = page.encoded.get(encoding);
      if (!body) {
        body =
          encoding === "br"
            ? brotliCompressSync(html, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } })
            : gzipSync(html);
        page.encoded.set(encoding, body);
      }
      headers.set("content-encoding", encoding);
      setResponse(new Response(new Uint8Array(body), { status: response.status, headers }));
    },
  };
}

/** GraphiQL's policy: its inline scripts by hash; its editor's workers from blob: URLs; its styles inline. */
function graphiqlPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (match) =>
      `'sha256-${createHash("sha256")
        .update(match[1] ?? "")
        .digest("base64")}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(" ")}`,
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
