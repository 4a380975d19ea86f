// npm run schema:print: write the schema as SDL to apps/api/schema.graphql (a test checks it is current).
import { writeFileSync } from "node:fs";
import { printedSchema, SCHEMA_SDL_PATH } from "../graphql/printed-schema.ts";

writeFileSync(SCHEMA_SDL_PATH, printedSchema());
console.log(`Wrote ${SCHEMA_SDL_PATH}`);
