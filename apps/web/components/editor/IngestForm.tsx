"use client";

import { MAX_ARTICLE_BYTES, MAX_ARTICLE_SIZE_LABEL, parseDayInput } from "@headcount/shared";
import Link from "next/link";
import { type FormEvent, useId, useRef, useState } from "react";
import { useMutation } from "urql";
import { CHOICES } from "../../lib/claim-edit";
import { graphql, type ResultOf } from "../../lib/graphql";
import { fieldOf, NotAuthorizedFailure, requestFailure, ValidationFailure } from "../../lib/mutation-result";
import { formatDate, METRIC_LABELS } from "../../lib/vocabulary";
import { ColumnHeads } from "../ColumnHeads";

const INGEST_MUTATION = graphql(
  `
  mutation IngestArticle($input: IngestArticleInput!) {
    ingestArticle(input: $input) {
      __typename
      ... on IngestArticleSuccess {
        outcome
        title
        article {
          id
          title
        }
        claims {
          display
          subject
          metric
          qualifier
          hedge
          source
          location
          statedOn
          statedOnPrecision
          quote
          start
          confidence
        }
      }
      ...ValidationFailure
      ...NotAuthorizedFailure
    }
  }
`,
  [ValidationFailure, NotAuthorizedFailure],
);

type IngestResult = ResultOf<typeof INGEST_MUTATION>["ingestArticle"];

type Field = "body" | "title" | "url" | "outlet" | "publishedAt" | "precision";

const OUTCOMES = {
  NEW: "Stored as a new article.",
  NEW_VERSION: "Stored as a new version of the article at that address.",
  UNCHANGED: "This text is already stored; nothing was written.",
  PREVIEW: "Preview: nothing was stored.",
} as const;

const PASTE_FORMATS = [
  { value: "text", label: "Plain text (headline on the first line)" },
  { value: "html", label: "A news page’s HTML" },
] as const;
type PasteFormat = (typeof PASTE_FORMATS)[number]["value"];

/** Pasted text or HTML with what is known about it; Preview runs the extractor only, Save stores. */
export function IngestForm() {
  const id = useId();
  const [format, setFormat] = useState<PasteFormat>("text");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<Extract<IngestResult, { __typename: "IngestArticleSuccess" }> | null>(
    null,
  );
  const [{ fetching }, ingest] = useMutation(INGEST_MUTATION);
  const resultRef = useRef<HTMLDivElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const dryRun = submitter?.value !== "save";
    const form = new FormData(event.currentTarget);
    const value = (name: string) => {
      const text = String(form.get(name) ?? "").trim();
      return text === "" ? undefined : text;
    };
    const body = String(form.get("body") ?? "");
    setErrors({});
    setFailure(null);
    if (body.trim() === "") {
      setErrors({ body: "Paste the article’s text or HTML." });
      setFailure("Nothing to read yet.");
      return;
    }
    const bytes = new Blob([body]).size;
    if (bytes > MAX_ARTICLE_BYTES) {
      setErrors({
        body: `This is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_ARTICLE_SIZE_LABEL}.`,
      });
      setFailure("The article is too large to send.");
      return;
    }
    const publishedText = value("publishedAt");
    const published = publishedText === undefined ? undefined : parseDayInput(publishedText);
    if (published && !published.ok) {
      setErrors({ publishedAt: published.error });
      setFailure("The publication date is not a date.");
      return;
    }
    const input = {
      ...(format === "html" ? { html: body } : { text: body }),
      title: value("title"),
      url: value("url"),
      outlet: value("outlet"),
      publishedAt: published?.iso,
      // One of the select's choices, or none.
      precision: CHOICES.precision.find((choice) => choice.value === value("precision"))?.value,
      dryRun,
    };
    const response = await ingest({ input });
    const outcome = response.data?.ingestArticle;
    if (response.error || !outcome) {
      setResult(null);
      setFailure(
        `The API failed to ${dryRun ? "read" : "store"} the article: ${response.error ? requestFailure(response.error) : "no answer"}.`,
      );
    } else if (outcome.__typename === "IngestArticleSuccess") {
      setResult(outcome);
    } else {
      setResult(null);
      if (outcome.__typename === "ValidationError") {
        const byField: Partial<Record<Field, string>> = {};
        for (const error of outcome.fieldErrors) {
          const field = fieldOf(error);
          byField[(field === "text" || field === "html" ? "body" : field) as Field] = error.message;
        }
        setErrors(byField);
      }
      setFailure(outcome.message);
    }
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  const fieldProps = (field: Field) => ({
    id: `${id}-${field}`,
    name: field,
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? `${id}-${field}-error` : undefined,
  });
  const fieldError = (field: Field) =>
    errors[field] ? (
      <p className="field-error" id={`${id}-${field}-error`} data-testid={`error-${field}`}>
        {errors[field]}
      </p>
    ) : null;

  return (
    <div className="ingest">
      <form className="stack-form card" onSubmit={submit} noValidate>
        <fieldset className="plain-fieldset check-row">
          <legend>What you paste</legend>
          {PASTE_FORMATS.map((choice) => (
            <label className="check" key={choice.value}>
              <input
                type="radio"
                name="format"
                value={choice.value}
                checked={format === choice.value}
                onChange={() => setFormat(choice.value)}
              />
              {choice.label}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-body`}>
            {format === "text" ? "Article text" : "Page HTML"} (up to {MAX_ARTICLE_SIZE_LABEL})
          </label>
          <textarea {...fieldProps("body")} rows={12} spellCheck={false} />
          {fieldError("body")}
        </div>
        <div className="edit-grid">
          <div className="field">
            <label htmlFor={`${id}-title`}>Headline (if not the first line)</label>
            <input {...fieldProps("title")} type="text" />
            {fieldError("title")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-url`}>Address (URL)</label>
            <input {...fieldProps("url")} type="url" inputMode="url" />
            {fieldError("url")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-outlet`}>Outlet</label>
            <input {...fieldProps("outlet")} type="text" />
            {fieldError("outlet")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-publishedAt`}>Published on</label>
            <input
              {...fieldProps("publishedAt")}
              type="text"
              placeholder="e.g. 31 Oct 2024"
              autoComplete="off"
            />
            {fieldError("publishedAt")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-precision`}>Date precision</label>
            <select {...fieldProps("precision")} defaultValue="">
              <option value="">—</option>
              {CHOICES.precision.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
            {fieldError("precision")}
          </div>
        </div>
        <div className="button-row">
          <button type="submit" name="action" value="preview" className="secondary" disabled={fetching}>
            Preview claims
          </button>
          <button type="submit" name="action" value="save" disabled={fetching}>
            Save article
          </button>
          {fetching && <span className="muted">Reading…</span>}
        </div>
      </form>
      <div ref={resultRef} tabIndex={-1} aria-live="polite" className="ingest-result">
        {failure && (
          <div className="error" role="alert" data-testid="ingest-failure">
            {failure}
          </div>
        )}
        {result && <IngestOutcome result={result} />}
      </div>
    </div>
  );
}

function IngestOutcome({
  result,
}: {
  result: Extract<IngestResult, { __typename: "IngestArticleSuccess" }>;
}) {
  return (
    <section aria-labelledby="ingest-result-title" data-testid="ingest-result">
      <h2 id="ingest-result-title">
        {result.outcome === "PREVIEW" ? "Preview" : "Saved"}: “{result.title || "Untitled article"}”
      </h2>
      <p className={result.outcome === "PREVIEW" ? "notice" : "success"}>
        {OUTCOMES[result.outcome]}{" "}
        {result.article && (
          <Link href={`/articles/${encodeURIComponent(result.article.id)}`} data-testid="ingested-article">
            Open the article
          </Link>
        )}
      </p>
      <h3>
        {result.claims.length} claim{result.claims.length === 1 ? "" : "s"} found
      </h3>
      {result.claims.length > 0 && (
        <table className="data" data-testid="extracted-claims">
          <caption className="sr-only">The claims the extractor read from the text</caption>
          <ColumnHeads columns={["Value", "Who is counted", "Metric", "Source", "Said", "Quote"]} />
          <tbody>
            {result.claims.map((claim) => (
              <tr key={`${claim.start}-${claim.quote}`}>
                <td className="num">{claim.display}</td>
                <td>{claim.subject}</td>
                <td>
                  {METRIC_LABELS[claim.metric.toLowerCase() as keyof typeof METRIC_LABELS] ?? claim.metric}
                </td>
                <td>{claim.source ?? <span className="muted">unattributed</span>}</td>
                <td>
                  {claim.statedOn ? (
                    formatDate(claim.statedOn, claim.statedOnPrecision)
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>“{claim.quote}”</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
