export * from "./dates.ts";
export * from "./display.ts";
export * from "./limits.ts";
export * from "./vocabulary.ts";
export * from "./web-address.ts";
export * from "./well-formed.ts";
