import Link from "next/link";

/** The first screen of an empty database: the four ways to add articles, on one screen. */
export function GettingStarted({ editor }: { editor: boolean }) {
  return (
    <section
      className="getting-started"
      aria-labelledby="getting-started-title"
      data-testid="getting-started"
    >
      <h1 id="getting-started-title">No articles yet</h1>
      <p>
        Headcount reads news articles and charts the numbers of troops they report, by who reported them. Add
        some articles in any of these ways; the chart fills in as soon as the first is stored.
      </p>
      <ol>
        <li>
          <strong>Paste</strong> an article’s text or its page’s HTML on{" "}
          {editor ? <Link href="/ingest">Add article</Link> : <>Add article (sign in as an editor)</>}.
        </li>
        <li>
          <strong>Files</strong>: <code>npm run ingest -- PATH…</code> reads .txt, .md, .html, .json and
          .ndjson files and whole folders (a <code>manifest.json</code> beside them gives outlets, URLs and
          dates).
        </li>
        <li>
          <strong>A web page</strong>: <code>npm run ingest -- https://…</code> fetches the page (robots.txt
          honoured) and reads the article in it.
        </li>
        <li>
          <strong>A feed</strong>: <code>npm run feeds -- add https://…/rss.xml</code> follows an RSS or Atom
          feed; the running app polls it and stores each new item once. Admins can also follow feeds on{" "}
          <Link href="/feeds">Feeds</Link>.
        </li>
      </ol>
      <p className="muted">
        A demo corpus is loaded at the first start when <code>HEADCOUNT_CORPUS</code> names a folder of
        articles.
      </p>
    </section>
  );
}
