import { describe, it } from "vitest";
import { caseTables, expectClaims } from "./support/cases.ts";

// Every row of the tables in ./cases (see support/cases.ts for how a row is written). Each row is its own
// test named in full (it.each would cut a long name short).
for (const { family, section, rows } of caseTables()) {
  describe(family, () => {
    describe(section, () => {
      for (const row of rows) it(row.name, () => expectClaims(row));
    });
  });
}
