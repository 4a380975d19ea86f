import { createServerClient } from "../../../lib/api";
import { claimFilterInput, parseClaimView } from "../../../lib/claim-filter";
import { CLAIM_ORDERS, type ClaimOrder, type ClaimRow, fetchAllClaims } from "../../../lib/claim-list";

export const dynamic = "force-dynamic";

const CSV_COLUMNS: [string, (claim: ClaimRow) => string | number | null][] = [
  ["id", (c) => c.id],
  ["stated_on", (c) => c.statedOn],
  ["stated_on_precision", (c) => c.statedOnPrecision.toLowerCase()],
  ["metric", (c) => c.metric.toLowerCase()],
  ["subject", (c) => c.subject],
  ["display", (c) => c.display],
  ["qualifier", (c) => c.qualifier.toLowerCase()],
  ["hedge", (c) => c.hedge],
  ["value_low", (c) => c.valueLow],
  ["value_best", (c) => c.valueBest],
  ["value_high", (c) => c.valueHigh],
  ["rate", (c) => c.rate.toLowerCase()],
  ["source", (c) => c.source?.name ?? null],
  ["source_affiliation", (c) => c.source?.affiliation?.name ?? null],
  ["location", (c) => c.location?.name ?? null],
  ["review_status", (c) => c.reviewStatus.toLowerCase()],
  ["confidence", (c) => c.confidence],
  ["appearances", (c) => c.appearances.totalCount],
  ["first_outlet", (c) => c.appearances.edges[0]?.node.article.outlet?.name ?? null],
  ["first_article", (c) => c.appearances.edges[0]?.node.article.title ?? null],
  ["first_url", (c) => c.appearances.edges[0]?.node.article.url ?? null],
  ["quote", (c) => c.appearances.edges[0]?.node.quote ?? null],
];

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function toCsv(claims: ClaimRow[]): string {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(",")];
  for (const claim of claims) lines.push(CSV_COLUMNS.map(([, read]) => csvCell(read(claim))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** schema.org ClaimReview, one per verified claim: what was claimed, by whom, where, and the verdict. */
function toClaimReviews(claims: ClaimRow[], origin: string) {
  return {
    "@context": "https://schema.org",
    "@graph": claims.map((claim) => ({
      "@type": "ClaimReview",
      url: `${origin}/claims/${encodeURIComponent(claim.id)}`,
      claimReviewed: claim.appearances.edges[0]?.node.quote ?? `${claim.display} ${claim.subject}`,
      datePublished: claim.updatedAt.slice(0, 10),
      author: { "@type": "Organization", name: "Headcount" },
      reviewRating: {
        "@type": "Rating",
        alternateName: "Verified",
        ratingValue: 1,
        bestRating: 1,
        worstRating: 0,
      },
      itemReviewed: {
        "@type": "Claim",
        ...(claim.statedOn ? { datePublished: claim.statedOn } : {}),
        ...(claim.source ? { author: { "@type": "Thing", name: claim.source.name } } : {}),
        appearance: claim.appearances.edges.map(({ node: appearance }) => ({
          "@type": "CreativeWork",
          headline: appearance.article.title,
          ...(appearance.article.url ? { url: appearance.article.url } : {}),
          ...(appearance.article.outlet
            ? { publisher: { "@type": "Organization", name: appearance.article.outlet.name } }
            : {}),
        })),
      },
    })),
  };
}

/**
 * The dashboard's address as configured (HEADCOUNT_PUBLIC_URL, set by `npm start`), never the request's
 * Host header, which the client chooses: exported links must point at this site whoever asked.
 */
function publicOrigin(): string {
  const configured = process.env.HEADCOUNT_PUBLIC_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // fall through to the default address
    }
  }
  return `http://127.0.0.1:${process.env.WEB_PORT ?? "3000"}`;
}

export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const params = Object.fromEntries(url.searchParams.entries());
  const view = parseClaimView(params);
  const format = url.searchParams.get("format") ?? "csv";
  const order = url.searchParams.get("sort")?.toUpperCase() ?? "STATED_ON";
  const orderBy: ClaimOrder = (CLAIM_ORDERS as readonly string[]).includes(order)
    ? (order as ClaimOrder)
    : "STATED_ON";
  const direction = url.searchParams.get("dir") === "asc" ? "ASC" : "DESC";
  const filter = claimFilterInput(view);
  if (format === "jsonld") filter.reviewStatus = ["VERIFIED"];
  let claims: ClaimRow[];
  try {
    claims = await fetchAllClaims(createServerClient(true), filter, orderBy, direction);
  } catch (error) {
    return Response.json({ error: error instanceof Error ? error.message : String(error) }, { status: 502 });
  }
  const stamp = new Date().toISOString().slice(0, 10);
  // One metric (the overview's export) is named in the file name as well as in every row.
  const measure =
    view.metrics.length === 1
      ? `-${[view.metrics[0], view.rate].filter(Boolean).join("-").replace(/_/g, "-")}`
      : "";
  const attachment = (name: string, extension: string) =>
    `attachment; filename="headcount-${name}${measure}-${stamp}.${extension}"`;
  if (format === "json") {
    return new Response(JSON.stringify({ filter, count: claims.length, claims }, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": attachment("claims", "json"),
      },
    });
  }
  if (format === "jsonld") {
    const origin = publicOrigin();
    return new Response(JSON.stringify(toClaimReviews(claims, origin), null, 2), {
      headers: {
        "content-type": "application/ld+json; charset=utf-8",
        "content-disposition": attachment("claim-reviews", "jsonld"),
      },
    });
  }
  return new Response(toCsv(claims), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": attachment("claims", "csv"),
    },
  });
}
