import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small news site on 127.0.0.1 for tests of fetching pages and feeds: articles, RSS and Atom feeds,
 * robots.txt, and the failures a real site can give (errors, oversized pages, redirect loops, images).
 */
export interface NewsSite {
  origin: string;
  /** How many times each path was requested. */
  hits: Map<string, number>;
  /** The User-Agent headers requests came with. */
  agents: Set<string>;
  /** Makes a path answer with this status from now on. */
  breakPath(path: string, status: number): void;
  close(): Promise<void>;
}

const ARTICLE_COUNT = 40;
const PLACES = ["Kursk", "Belgorod", "Bryansk", "Donetsk", "Zaporizhzhia"];

/** The text of article n: a distinct story with one reported figure. */
export function articleStory(n: number): { title: string; paragraphs: string[]; troops: number } {
  const troops = 1000 + n * 137;
  const place = PLACES[n % PLACES.length];
  return {
    title: `Report ${n}: troop movements near ${place}`,
    troops,
    paragraphs: [
      `About ${troops.toLocaleString("en-US")} North Korean soldiers have been sent to the ${place} region, the Pentagon said on Tuesday in its briefing number ${n}.`,
      `Officials described the deployment as the largest seen in the area this month and said further reinforcements were expected to follow in the coming weeks (dispatch ${n}).`,
      `Analysts cautioned that the figure could not be independently verified and that estimates from other governments differed (note ${n}).`,
    ],
  };
}

function articlePage(origin: string, n: number, canonical = true): string {
  const story = articleStory(n);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${story.title}</title>
${canonical ? `<link rel="canonical" href="${origin}/news/${n}">` : ""}
<meta property="og:site_name" content="Test Wire">
<meta property="article:published_time" content="2024-11-${String((n % 28) + 1).padStart(2, "0")}T10:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>${story.title}</h1>${story.paragraphs.map((p) => `<p>${p}</p>`).join("\n")}</article>
<footer>© Test Wire</footer></body></html>`;
}

/** An RSS feed of article pages, each item known by its own GUID. */
function rss(origin: string, items: { n: number; path: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Wire: world</title><link>${origin}/</link><description>World news</description>
${items
  .map(
    ({
      n,
      path,
    }) => `<item><title>${articleStory(n).title}</title><link>${origin}${path}?utm_source=rss</link>
<guid isPermaLink="false">test-wire${path.replaceAll("/", "-")}</guid><pubDate>Mon, 02 Dec 2024 10:00:00 GMT</pubDate></item>`,
  )
  .join("\n")}
</channel></rss>`;
}

function atom(origin: string, items: number[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Test Wire (Atom)</title><id>urn:test-wire</id><updated>2024-12-02T10:00:00Z</updated>
${items
  .map(
    (n) => `<entry><title>${articleStory(n).title}</title><id>urn:test-wire:${n}</id>
<link rel="alternate" href="${origin}/article/${n}"/><updated>2024-12-02T10:00:00Z</updated></entry>`,
  )
  .join("\n")}
</feed>`;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export async function startNewsSite(): Promise<NewsSite> {
  const hits = new Map<string, number>();
  const agents = new Set<string>();
  const broken = new Map<string, number>();
  let origin = "";
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", origin);
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    agents.add(request.headers["user-agent"] ?? "");
    const send = (
      status: number,
      type: string,
      body: string | Buffer,
      headers: Record<string, string> = {},
    ) => {
      response.writeHead(status, { "content-type": type, ...headers });
      response.end(body);
    };
    const status = broken.get(url.pathname);
    if (status) return send(status, "text/plain", "broken on purpose");
    const article = /^\/(article|copy|news)\/(\d+)$/.exec(url.pathname);
    if (article && Number(article[2]) <= ARTICLE_COUNT)
      // /copy/N is the same text as /article/N under another address.
      return send(
        200,
        "text/html; charset=utf-8",
        articlePage(origin, Number(article[2]), article[1] !== "copy"),
      );
    switch (url.pathname) {
      case "/robots.txt":
        return send(
          200,
          "text/plain",
          "User-agent: *\nDisallow: /private/\n\nUser-agent: OtherBot\nDisallow: /\n",
        );
      case "/private/secret":
        return send(200, "text/html", articlePage(origin, 39));
      case "/feed.xml":
        return send(
          200,
          "application/rss+xml",
          rss(
            origin,
            range(1, 20).map((n) => ({ n, path: `/article/${n}` })),
          ),
        );
      case "/atom.xml":
        return send(200, "application/atom+xml; charset=utf-8", atom(origin, range(21, 25)));
      case "/reprints.xml":
        // Two items, two GUIDs, two addresses, one text.
        return send(
          200,
          "application/rss+xml",
          rss(origin, [
            { n: 30, path: "/article/30" },
            { n: 30, path: "/copy/30" },
          ]),
        );
      case "/relative.xml":
        // Item links relative to the feed's own address.
        return send(
          200,
          "text/xml",
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Relative</title><link>/</link><description>d</description>
<item><title>${articleStory(33).title}</title><link>/article/33</link></item></channel></rss>`,
        );
      case "/not-a-feed.xml":
        return send(200, "application/xml", '<?xml version="1.0"?><catalog><book>Not news</book></catalog>');
      case "/huge": {
        const filler = `<p>${"Filler text for an oversized page. ".repeat(40)}</p>\n`;
        return send(
          200,
          "text/html",
          `<html><body>${filler.repeat(Math.ceil((2.2 * 1024 * 1024) / filler.length))}</body></html>`,
        );
      }
      case "/huge-chunked": {
        // No content-length: the size limit must stop the transfer as it comes.
        response.writeHead(200, { "content-type": "text/html" });
        const chunk = `<p>${"x".repeat(64 * 1024)}</p>`;
        let sent = 0;
        const more = () => {
          while (sent < 3 * 1024 * 1024) {
            sent += chunk.length;
            if (!response.write(chunk)) return response.once("drain", more);
          }
          response.end();
        };
        return more();
      }
      case "/loop-a":
        return send(302, "text/plain", "", { location: "/loop-b" });
      case "/loop-b":
        return send(302, "text/plain", "", { location: "/loop-a" });
      case "/moved":
        return send(301, "text/plain", "", { location: "/article/7" });
      case "/to-ftp":
        return send(302, "text/plain", "", { location: "ftp://127.0.0.1/file.txt" });
      case "/photo.png":
        return send(200, "image/png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      case "/server-error":
        return send(500, "text/html", "<html><body>Internal error</body></html>");
      default:
        return send(404, "text/plain", "not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    agents,
    breakPath: (path, code) => broken.set(path, code),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
