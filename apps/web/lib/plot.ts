import {
  type Metric,
  PRECISIONS,
  type Precision,
  precisionInterval,
  QUALIFIERS,
  type Qualifier,
  REVIEW_STATUSES,
  type ReviewStatus,
} from "@headcount/shared";
import type { EntityRef } from "./entity-fields";
import type { ClaimPointData, SeriesData } from "./queries";
import { type Gql, lower } from "./vocabulary";

/**
 * Hues far apart from each other (a unit test keeps every pair apart), each at ≥ 3:1 on white and on the
 * dark theme's panel (marks are graphics); shapes and labels carry meaning too.
 */
export const SERIES_COLOURS = [
  "#2563eb",
  "#c2410c",
  "#047857",
  "#c026d3",
  "#a16207",
  "#e11d48",
  "#7c3aed",
  "#0891b2",
];

/** Claims with no source (or no side) are not an entity: they get a colour no entity gets. */
export const NO_ENTITY_COLOUR = "#6b7280";

/** The API's keys of the series that stand for no entity. */
const NO_ENTITY_KEYS = new Set(["unattributed", "unaffiliated", "unknown-outlet", "unknown"]);

/** FNV-1a: a short, stable hash of a series key. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A global ID's text. Node's `atob` is slow (ten thousand IDs and more pass through here per page on the
 * server), so the server decodes with its Buffer; the browser has only `atob`. (Looked up on globalThis
 * so the browser bundle does not pull in a Buffer polyfill.)
 */
function decodeId(id: string): string {
  const buffer = (
    globalThis as { Buffer?: { from(text: string, encoding: "base64"): { toString(e: "latin1"): string } } }
  ).Buffer;
  return buffer ? buffer.from(id, "base64").toString("latin1") : atob(id);
}

/** The number inside a global ID ("RW50aXR5OjEy" is Entity:12), for ordering entities by age. */
function entityNumber(key: string): number {
  try {
    const id = Number(decodeId(key).split(":")[1]);
    return Number.isInteger(id) ? id : Number.MAX_SAFE_INTEGER;
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
}

/**
 * A colour per series, derived from what the series stands for (its key: the entity's global ID), never
 * from its rank or from the other series in view, so a source keeps its colour when filters change or new
 * claims arrive. Colours are dealt over every known entity of the kind (`universe`: all sources, or all
 * sides), oldest entity first: each takes the colour its key hashes to unless fewer entities hold
 * another one, so neighbours rarely share a colour and a new entity never moves an older one's. A key
 * outside the universe keeps the colour its key hashes to. Keys that stand for no entity get grey.
 */
export function seriesColours(keys: string[], universe: string[] = keys): Map<string, string> {
  const dealt = new Map<string, number>();
  const holders = SERIES_COLOURS.map(() => 0);
  const ordered = [...new Set(universe)]
    .filter((key) => !NO_ENTITY_KEYS.has(key))
    .map((key) => ({ key, n: entityNumber(key) }))
    .sort((a, b) => a.n - b.n || a.key.localeCompare(b.key));
  for (const { key } of ordered) {
    const preferred = hashKey(key) % SERIES_COLOURS.length;
    let slot = preferred;
    for (let step = 1; step < SERIES_COLOURS.length; step++) {
      const candidate = (preferred + step) % SERIES_COLOURS.length;
      if ((holders[candidate] ?? 0) < (holders[slot] ?? 0)) slot = candidate;
    }
    holders[slot] = (holders[slot] ?? 0) + 1;
    dealt.set(key, slot);
  }
  const colours = new Map<string, string>();
  for (const key of keys) {
    if (NO_ENTITY_KEYS.has(key)) colours.set(key, NO_ENTITY_COLOUR);
    else colours.set(key, SERIES_COLOURS[dealt.get(key) ?? hashKey(key) % SERIES_COLOURS.length] as string);
  }
  return colours;
}

export interface PlotSeries {
  key: string;
  label: string;
  colour: string;
}

/**
 * One plotted claim as the page hands it to the browser: [claim id, date, precision, qualifier, low, high,
 * best, series index, review status, the value in words, metric]. The page builds its table from them and
 * packs them for the chart (`packPlot`).
 */
export type PlotRow = [
  string,
  string,
  Gql<Precision>,
  Gql<Qualifier>,
  number | null,
  number | null,
  number | null,
  number,
  Gql<ReviewStatus>,
  string,
  Gql<Metric>,
];

/** One drawable claim: its date as an interval (its precision), and its bounds. */
export interface PlotPoint {
  claimId: string;
  date: string;
  precision: Gql<Precision>;
  qualifier: Gql<Qualifier>;
  low: number | null;
  high: number | null;
  best: number | null;
  series: number;
  /** Seconds since the epoch: the start and end of the period the date stands for, and its middle. */
  x0: number;
  x1: number;
  x: number;
  disputed: boolean;
}

function interval(date: string, precision: Gql<Precision>): { x0: number; x1: number; x: number } {
  if (precision === "DAY") {
    // Most claims: the day itself, without building Date objects (ten thousand per page).
    const x0 = Date.parse(`${date}T00:00:00Z`) / 1000;
    return { x0, x1: x0 + 86_400, x: x0 + 43_200 };
  }
  const { start, end } = precisionInterval(new Date(`${date}T00:00:00Z`), lower<Precision>(precision));
  const x0 = start.getTime() / 1000;
  const x1 = end.getTime() / 1000;
  return { x0, x1, x: (x0 + x1) / 2 };
}

/**
 * The series (one colour each, dealt over `universe`, every known entity of the series' kind) and the
 * dated claims, in drawing order (by the middle of their date).
 */
export function plotRows(
  series: SeriesData[],
  universe: string[] = series.map((s) => s.key),
): {
  plotSeries: PlotSeries[];
  rows: PlotRow[];
  undated: number;
} {
  const plotSeries: PlotSeries[] = [];
  const rows: { row: PlotRow; x: number }[] = [];
  let undated = 0;
  const colours = seriesColours(
    series.map((s) => s.key),
    universe,
  );
  series.forEach((s, index) => {
    plotSeries.push({ key: s.key, label: s.label, colour: colours.get(s.key) ?? NO_ENTITY_COLOUR });
    for (const p of s.points) {
      if (!p.date) {
        undated++;
        continue;
      }
      rows.push({
        row: [
          p.claimId,
          p.date,
          p.precision,
          p.qualifier,
          p.low,
          p.high,
          p.best,
          index,
          p.reviewStatus,
          p.display,
          p.metric,
        ],
        x: interval(p.date, p.precision).x,
      });
    }
  });
  rows.sort((a, b) => a.x - b.x || a.row[7] - b.row[7]);
  return { plotSeries, rows: rows.map(({ row }) => row), undated };
}

/**
 * The chart's claims as the page sends them to the browser: column by column, each column in the form
 * that costs fewest bytes (ten thousand claims and more travel in the page), in the order of their ids
 * (so that ids go up in small steps); `unpackPlot` puts them back in drawing order. Lossless: every
 * claim's id, date, precision, qualifier, bounds, series and review status come back.
 */
export interface PackedPlot {
  /** Each claim's number (the database id inside its global ID), as the difference from the one before. */
  ids: number[];
  /** Each claim's date in days since 1970-01-01, as the difference from the one before. */
  days: number[];
  /** Each claim's series: an index into the chart's series. */
  series: number[];
  /**
   * Four characters a claim: its precision, qualifier and review status (each an index into the shared
   * vocabulary, in base 36), then which bounds it has (`boundsCode`).
   */
  codes: string;
  /** The bounds that are numbers of their own, claim after claim: best, then low, then high. */
  values: number[];
}

const PRECISION_CODES = PRECISIONS.map((p) => p.toUpperCase() as Gql<Precision>);
const QUALIFIER_CODES = QUALIFIERS.map((q) => q.toUpperCase() as Gql<Qualifier>);
const STATUS_CODES = REVIEW_STATUSES.map((s) => s.toUpperCase() as Gql<ReviewStatus>);
const DAY_MS = 86_400_000;
const CLAIM_PREFIX = "Claim:";

/** The database id inside a claim's global ID ("Q2xhaW06MTI=" is Claim:12). */
function claimNumber(claimId: string): number {
  const decoded = decodeId(claimId);
  const id = Number(decoded.slice(CLAIM_PREFIX.length));
  if (!decoded.startsWith(CLAIM_PREFIX) || !Number.isSafeInteger(id)) {
    throw new Error(`Not a claim's global ID: ${claimId}`);
  }
  return id;
}

/**
 * Which of a claim's bounds are numbers, and whether low and high only repeat the best figure: best
 * absent or present (×9), low absent, equal to best or its own (×3), high likewise; one base-36 digit.
 */
function boundsCode(low: number | null, high: number | null, best: number | null): number {
  const of = (v: number | null) => (v === null ? 0 : best !== null && v === best ? 1 : 2);
  return (best === null ? 0 : 9) + of(low) * 3 + of(high);
}

const digit = (n: number) => n.toString(36);

export function packPlot(rows: PlotRow[]): PackedPlot {
  const packed: PackedPlot = { ids: [], days: [], series: [], codes: "", values: [] };
  const codes: string[] = [];
  const byId = rows.map((row) => ({ id: claimNumber(row[0]), row })).sort((a, b) => a.id - b.id);
  let [lastId, lastDay] = [0, 0];
  for (const { id, row } of byId) {
    const [, date, precision, qualifier, low, high, best, series, reviewStatus] = row;
    const day = Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
    packed.ids.push(id - lastId);
    packed.days.push(day - lastDay);
    packed.series.push(series);
    [lastId, lastDay] = [id, day];
    const bounds = boundsCode(low, high, best);
    codes.push(
      digit(PRECISION_CODES.indexOf(precision)),
      digit(QUALIFIER_CODES.indexOf(qualifier)),
      digit(STATUS_CODES.indexOf(reviewStatus)),
      digit(bounds),
    );
    if (best !== null) packed.values.push(best);
    if (low !== null && !(best !== null && low === best)) packed.values.push(low);
    if (high !== null && !(best !== null && high === best)) packed.values.push(high);
  }
  packed.codes = codes.join("");
  return packed;
}

/** The claims of `packPlot`, in drawing order: by the middle of their date, then series, then id. */
export function unpackPlot(packed: PackedPlot): PlotPoint[] {
  const points: { point: PlotPoint; id: number }[] = [];
  let [id, day, v] = [0, 0, 0];
  for (let i = 0; i < packed.ids.length; i++) {
    id += packed.ids[i] ?? 0;
    day += packed.days[i] ?? 0;
    const code = (at: number) => Number.parseInt(packed.codes.charAt(i * 4 + at), 36);
    const precision = PRECISION_CODES[code(0)] as Gql<Precision>;
    const bounds = code(3);
    const best = bounds >= 9 ? (packed.values[v++] ?? null) : null;
    const bound = (kind: number) => (kind === 0 ? null : kind === 1 ? best : (packed.values[v++] ?? null));
    const low = bound(Math.floor(bounds / 3) % 3);
    const high = bound(bounds % 3);
    const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    points.push({
      id,
      point: {
        claimId: btoa(`${CLAIM_PREFIX}${id}`),
        date,
        precision,
        qualifier: QUALIFIER_CODES[code(1)] as Gql<Qualifier>,
        low,
        high,
        best,
        series: packed.series[i] ?? 0,
        ...interval(date, precision),
        disputed: STATUS_CODES[code(2)] === "DISPUTED",
      },
    });
  }
  return points
    .sort((a, b) => a.point.x - b.point.x || a.point.series - b.point.series || a.id - b.id)
    .map(({ point }) => point);
}

/**
 * The chart's series as the page sends them: each one's colour, and its name as an index into `entities` (the filter
 * form's list of the same sources or sides, which the page sends once for both) or, for a series that is
 * no entity there, the name itself.
 */
export interface PackedSeries {
  colours: string[];
  names: (number | string)[];
}

/** Packs the series of the chart for the browser, naming them by their index in `entities`. */
export function packSeries(series: PlotSeries[], entities: EntityRef[]): PackedSeries {
  const index = new Map(entities.map((entity, i) => [entity.id, i]));
  return {
    colours: series.map((s) => s.colour),
    names: series.map((s) => {
      const at = index.get(s.key);
      return at !== undefined && entities[at]?.name === s.label ? at : s.label;
    }),
  };
}

/** The value a mark is centred on: the best figure, else the bound the claim gives. */
export function centreValue(point: Pick<ClaimPointData, "best" | "low" | "high">): number | null {
  return point.best ?? point.low ?? point.high;
}
