import { type NextRequest, NextResponse } from "next/server";

/**
 * Every page carries a Content Security Policy with a fresh nonce: Next.js puts it on its own scripts (it
 * reads the policy from the request), and nothing else may run. Styles are allowed inline because React
 * writes style attributes, which a nonce cannot cover. The page may not be framed by anyone.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV === "development";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  // An address that is not valid percent-encoding (/claims/%ZZ), or that encodes a control character
  // (/claims/%00, which no id holds), names no page: the not-found page, 404.
  let decodable = true;
  try {
    decodable = !CONTROL_CHARACTER.test(decodeURIComponent(request.nextUrl.pathname));
  } catch {
    decodable = false;
  }
  const response = decodable
    ? NextResponse.next({ request: { headers: requestHeaders } })
    : NextResponse.rewrite(new URL("/not-a-page", request.url), { request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
