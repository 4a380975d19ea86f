/**
 * The lookup form of a name: lower case, accents and punctuation removed ("Kim Jong Un", "KIM Jong-un" and
 * "Kim Jŏng-ŭn" all give "kim jong un"). Stored beside entity names and aliases; search queries use it too.
 */
export function normalizeName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
