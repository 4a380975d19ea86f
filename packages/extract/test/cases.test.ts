import { describe, it } from "vitest";
import { caseTables, expectClaims } from "./support/cases.ts";

// Every row of the tables in ./cases (see support/cases.ts for how a row is written).
for (const { family, section, rows } of caseTables()) {
  describe(family, () => {
    describe(section, () => {
      it.each(rows)("$name", expectClaims);
    });
  });
}
