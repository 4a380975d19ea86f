import { apiUrl } from "../../lib/api";

// The browser talks to the API through this same-origin path, so sign-in cookies (HttpOnly, SameSite=Lax,
// set by the API) need no CORS, and the API's address is read at run time (HEADCOUNT_API_URL), not baked
// into the build as next.config rewrites would be.
export const dynamic = "force-dynamic";

const FORWARDED_REQUEST_HEADERS = [
  "accept",
  "content-type",
  "cookie",
  "x-graphql-yoga-csrf",
  "x-request-id",
  "graphql-client-name",
  "last-event-id",
  // Who the client is, for the API's sign-in throttling: server.mjs sets it from the socket, and the API
  // believes it only with the secret below.
  "x-forwarded-for",
  "x-forwarded-proto",
  "x-forwarded-host",
];
const FORWARDED_RESPONSE_HEADERS = ["content-type", "cache-control", "set-cookie", "x-request-id"];

async function forward(request: Request): Promise<Response> {
  const incoming = new URL(request.url);
  const target = new URL(apiUrl());
  target.search = incoming.search;
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const secret = process.env.HEADCOUNT_PROXY_SECRET;
  if (secret) headers.set("x-headcount-proxy", secret);
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: request.method === "GET" || request.method === "HEAD" ? undefined : await request.text(),
      signal: request.signal,
      redirect: "manual",
    });
  } catch {
    return Response.json({ errors: [{ message: "The API could not be reached." }] }, { status: 502 });
  }
  const responseHeaders = new Headers();
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    if (name === "set-cookie") {
      for (const cookie of upstream.headers.getSetCookie()) responseHeaders.append("set-cookie", cookie);
      continue;
    }
    const value = upstream.headers.get(name);
    if (value !== null) responseHeaders.set(name, value);
  }
  // Streams (server-sent events for live updates) must reach the browser unbuffered: no-transform keeps
  // the response compressor out of the way.
  const contentType = upstream.headers.get("content-type") ?? "";
  if (contentType.startsWith("text/event-stream") || contentType.startsWith("multipart/mixed")) {
    responseHeaders.set("cache-control", "no-cache, no-transform");
    responseHeaders.set("x-accel-buffering", "no");
  }
  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
}

export const GET = forward;
export const POST = forward;
