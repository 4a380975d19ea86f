"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../../lib/graphql";
import {
  NotAuthorizedFailure,
  NotFoundFailure,
  requestFailure,
  ValidationFailure,
} from "../../lib/mutation-result";

const ADD_FEED = graphql(
  `
  mutation AddFeed($url: String!, $pollIntervalMinutes: Int) {
    addFeed(url: $url, pollIntervalMinutes: $pollIntervalMinutes) {
      __typename
      ... on AddFeedSuccess {
        feed {
          id
          url
        }
      }
      ...ValidationFailure
      ...NotAuthorizedFailure
    }
  }
`,
  [ValidationFailure, NotAuthorizedFailure],
);

const REMOVE_FEED = graphql(
  `
  mutation RemoveFeed($id: ID!) {
    removeFeed(id: $id) {
      __typename
      ... on RemoveFeedSuccess {
        url
      }
      ...NotFoundFailure
      ...NotAuthorizedFailure
    }
  }
`,
  [NotFoundFailure, NotAuthorizedFailure],
);

/** Follows a new feed; the list above refreshes with it. */
export function FeedForm() {
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [minutes, setMinutes] = useState("30");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [{ fetching }, addFeed] = useMutation(ADD_FEED);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const result = await addFeed({ url, pollIntervalMinutes: Number(minutes) });
    const payload = result.data?.addFeed;
    if (payload?.__typename === "AddFeedSuccess") {
      setMessage({ error: false, text: `Following ${payload.feed.url}; it is polled within a minute.` });
      setUrl("");
      router.refresh();
    } else {
      setMessage({
        error: true,
        text: payload
          ? payload.message
          : result.error
            ? requestFailure(result.error)
            : "The API gave no answer.",
      });
    }
  }

  return (
    <form className="feed-form" onSubmit={submit} aria-label="Follow a feed">
      <label>
        Feed address (RSS or Atom)
        <input
          type="url"
          required
          name="url"
          value={url}
          placeholder="https://example.org/world/rss.xml"
          onChange={(event) => setUrl(event.target.value)}
        />
      </label>
      <label>
        Poll every (minutes)
        <input
          type="number"
          name="pollIntervalMinutes"
          min={5}
          max={10080}
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
        />
      </label>
      <button type="submit" disabled={fetching}>
        Follow
      </button>
      {message && (
        <p role={message.error ? "alert" : "status"} className={message.error ? "error" : "muted"}>
          {message.text}
        </p>
      )}
    </form>
  );
}

/** Stops following one feed (its articles stay). */
export function RemoveFeedButton({ id, url }: { id: string; url: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, removeFeed] = useMutation(REMOVE_FEED);
  async function remove() {
    if (!window.confirm(`Stop following ${url}? Its articles stay stored.`)) return;
    const result = await removeFeed({ id });
    const payload = result.data?.removeFeed;
    if (payload?.__typename === "RemoveFeedSuccess") router.refresh();
    else
      setError(
        payload ? payload.message : result.error ? requestFailure(result.error) : "The API gave no answer.",
      );
  }
  return (
    <>
      <button type="button" onClick={remove} disabled={fetching} aria-label={`Stop following ${url}`}>
        Remove
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </>
  );
}
