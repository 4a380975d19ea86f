import { describe, expect, it } from "vitest";
import {
  type ClaimEditData,
  claimPatch,
  type EditableClaim,
  patchInput,
  pickEditable,
  showValue,
  withPatch,
} from "../../lib/claim-edit";
import type { EntityChoice } from "../../lib/entity-picker";
import { rankSuggestions } from "../../lib/entity-picker";

const NIS: EntityChoice = { id: "RW50aXR5OjE=", name: "National Intelligence Service", type: "ORGANIZATION" };
const YONHAP: EntityChoice = { id: "RW50aXR5OjI=", name: "Yonhap News Agency", type: "ORGANIZATION" };
const REUTERS: EntityChoice = { id: "RW50aXR5OjM=", name: "Reuters", type: "ORGANIZATION" };
const LAWMAKER: EntityChoice = { id: "RW50aXR5OjQ=", name: "Lee Seong-kweun", type: "PERSON" };
const KURSK: EntityChoice = { id: "RW50aXR5OjU=", name: "Kursk Oblast", type: "PLACE" };

const stored: ClaimEditData = {
  id: "Q2xhaW06MQ==",
  version: 3,
  display: "about 10,000",
  reviewStatus: "UNREVIEWED",
  deletedAt: null,
  valueLow: null,
  valueBest: 10_000,
  valueHigh: null,
  qualifier: "APPROXIMATE",
  hedge: "about",
  metric: "DEPLOYED",
  rate: "TOTAL",
  subject: "North Korean soldiers",
  additional: false,
  statedOn: "2024-10-23",
  statedOnPrecision: "DAY",
  refersFrom: null,
  refersFromPrecision: null,
  refersTo: null,
  refersToPrecision: null,
  source: NIS,
  subjectEntity: null,
  location: KURSK,
  appearances: {
    totalCount: 1,
    edges: [
      {
        node: {
          id: "QXBwZWFyYW5jZTox",
          article: { id: "QXJ0aWNsZTox", title: "First report" },
          via: [
            { position: 1, entity: REUTERS },
            { position: 0, entity: LAWMAKER },
          ],
        },
      },
      { node: { id: "QXBwZWFyYW5jZToy", article: { id: "QXJ0aWNsZToy", title: "Reprint" }, via: [] } },
    ],
  },
};

describe("the claim editor's patch", () => {
  const read = pickEditable(stored);

  it("reads relay chains in their printed order, speaker side first", () => {
    expect(read.via.map((chain) => chain.entities.map((entity) => entity.name))).toEqual([
      ["Lee Seong-kweun", "Reuters"],
      [],
    ]);
  });

  it("holds only what changed: an entity by identity, a place cleared, one appearance's chain", () => {
    const mine: EditableClaim = {
      ...read,
      source: { ...YONHAP },
      location: null,
      subjectEntity: null,
      via: read.via.map((chain, index) =>
        index === 1 ? { ...chain, entities: [YONHAP] } : { ...chain, entities: [...chain.entities] },
      ),
    };
    const patch = claimPatch(read, mine);
    expect(Object.keys(patch).sort()).toEqual(["location", "source", "via"]);
    expect(patchInput(patch)).toEqual({
      source: YONHAP.id,
      location: null,
      via: [{ appearance: "QXBwZWFyYW5jZToy", entities: [YONHAP.id] }],
    });
  });

  it("sees a reordered chain as a change and sends the new order", () => {
    const [first] = read.via;
    const mine = { ...read, via: [{ ...first!, entities: [REUTERS, LAWMAKER] }, read.via[1]!] };
    expect(patchInput(claimPatch(read, mine))).toEqual({
      via: [{ appearance: "QXBwZWFyYW5jZTox", entities: [REUTERS.id, LAWMAKER.id] }],
    });
  });

  it("reapplies a chain change over a newer version without touching the other chains", () => {
    const newer = { ...read, source: REUTERS, via: [read.via[0]!, { ...read.via[1]!, entities: [REUTERS] }] };
    const mine = { ...read, via: [{ ...read.via[0]!, entities: [LAWMAKER] }, read.via[1]!] };
    const reapplied = withPatch(newer, claimPatch(read, mine));
    expect(reapplied.source).toEqual(REUTERS);
    expect(reapplied.via.map((chain) => chain.entities.map((entity) => entity.id))).toEqual([
      [LAWMAKER.id],
      [REUTERS.id],
    ]);
  });

  it("shows references by name and chains link by link", () => {
    expect(showValue("source", NIS)).toBe("National Intelligence Service");
    expect(showValue("location", null)).toBe("—");
    expect(showValue("via", read.via)).toBe("First report: Lee Seong-kweun → Reuters; Reprint: none");
    expect(showValue("via", [read.via[0]!])).toBe("Lee Seong-kweun → Reuters");
  });
});

describe("entity suggestions", () => {
  it("put names starting with the typed text first, then word starts, then the rest", () => {
    const found: EntityChoice[] = [
      { id: "1", name: "Pak Yong-il", type: "PERSON" },
      { id: "2", name: "Pyongyang", type: "PLACE" },
      { id: "3", name: "Yonhap News Agency", type: "ORGANIZATION" },
    ];
    expect(rankSuggestions("yon", found).map((entity) => entity.name)).toEqual([
      "Yonhap News Agency",
      "Pak Yong-il",
      "Pyongyang",
    ]);
  });
});
