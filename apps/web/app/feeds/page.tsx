import type { Metadata } from "next";
import Link from "next/link";
import { ApiErrorNotice } from "../../components/ApiErrorNotice";
import { FeedForm, RemoveFeedButton } from "../../components/admin/FeedForm";
import { ColumnHeads } from "../../components/ColumnHeads";
import { type FeedData, fetchFeeds } from "../../lib/feeds";
import { fetchViewer } from "../../lib/viewer";
import { formatInstant } from "../../lib/vocabulary";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Feeds" };

const STATUS_LABELS: Record<FeedData["status"], string> = {
  PENDING: "Not polled yet",
  OK: "OK",
  FAILING: "Failing",
};

export default async function FeedsPage() {
  const viewer = await fetchViewer();
  if (viewer?.role !== "ADMIN") {
    return (
      <div className="narrow">
        <h1>Feeds</h1>
        <p className="notice">
          This screen is for admins.{" "}
          {viewer ? (
            `You are signed in as ${viewer.email} (${viewer.role.toLowerCase()}).`
          ) : (
            <>
              <Link href="/signin?next=%2Ffeeds">Sign in</Link> to use it.
            </>
          )}
        </p>
      </div>
    );
  }
  let feeds: FeedData[];
  try {
    feeds = await fetchFeeds();
  } catch (error) {
    return <ApiErrorNotice error={error} />;
  }
  return (
    <>
      <h1>Feeds</h1>
      <p className="muted">
        RSS and Atom feeds Headcount follows. Each is polled on its interval by the running app (or{" "}
        <code>npm run worker</code>); every new item’s page is fetched, read and stored once. From a terminal:{" "}
        <code>npm run feeds -- add URL</code>, <code>list</code>, <code>remove</code>, <code>poll</code>.
      </p>
      <FeedForm />
      {feeds.length === 0 ? (
        <p className="empty" data-testid="no-feeds">
          No feeds followed yet.
        </p>
      ) : (
        <table className="data" data-testid="feeds-table">
          <caption className="sr-only">Feeds followed, with the status of their last poll</caption>
          <ColumnHeads
            columns={["Feed", "Status", "Last success", "Last error", "Items seen", "Stored", "Every"]}
          >
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </ColumnHeads>
          <tbody>
            {feeds.map((feed) => (
              <tr key={feed.id} data-feed-id={feed.id}>
                <td>
                  {feed.title && <strong>{feed.title}</strong>}
                  <br />
                  <a href={feed.url}>{feed.url}</a>
                </td>
                <td data-testid="feed-status">{STATUS_LABELS[feed.status]}</td>
                <td>{feed.lastSuccessAt ? formatInstant(feed.lastSuccessAt) : "never"}</td>
                <td data-testid="feed-error">
                  {feed.lastError ? (
                    <>
                      {feed.lastError}
                      {feed.lastErrorAt && (
                        <span className="muted"> ({formatInstant(feed.lastErrorAt)})</span>
                      )}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td>{feed.itemsSeen.toLocaleString("en-US")}</td>
                <td>{feed.itemsStored.toLocaleString("en-US")}</td>
                <td>{feed.pollIntervalMinutes} min</td>
                <td>
                  <RemoveFeedButton id={feed.id} url={feed.url} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
