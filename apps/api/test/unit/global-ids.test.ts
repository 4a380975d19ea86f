import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { describe, expect, it } from "vitest";
import { encodeDatabaseGlobalId } from "../../src/graphql/ids.ts";

describe("global IDs encoded without a Buffer", () => {
  const typenames = ["Claim", "Entity", "Article", "Appearance", "User", "Feed", "A", "Ab", "Abc", "Édition"];
  const ids = [0, 1, 7, 10, 99, 100, 999, 1_000, 12_345, 654_321, 2_147_483_647, 2 ** 53 - 1, 1.5, -4];

  it("are the relay plugin's IDs, for every length of type name and id", () => {
    for (const typename of typenames) {
      for (const id of ids) {
        expect(encodeDatabaseGlobalId(typename, id), `${typename}:${id}`).toBe(encodeGlobalID(typename, id));
      }
    }
  });

  it("decode back to the type and the id", () => {
    expect(decodeGlobalID(encodeDatabaseGlobalId("Claim", 84_653))).toEqual({
      typename: "Claim",
      id: "84653",
    });
    expect(encodeDatabaseGlobalId("Claim", "abc")).toBe(encodeGlobalID("Claim", "abc"));
  });
});
