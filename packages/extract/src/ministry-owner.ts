import type { EntityIndex } from "./entities.ts";
import { countryOfDemonym, DEMONYM_LIST } from "./gazetteer.ts";
import type { Sentence } from "./segment.ts";

/**
 * "The Health Ministry said …" in a story datelined in one country: wire copy names a government's ministry
 * without its country once the story has placed itself. The ministry is that country's when the headline, the
 * sentence that names the ministry first and the sentence before it name one country and no other; otherwise
 * it keeps the name as written (a wrong country would be worse than none).
 */
const BARE_MINISTRY =
  /^(?:(?:health|defen[cs]e|interior|foreign|information|emergency|emergencies)\s+ministry|ministry\s+of\s+(?:public\s+)?(?:health|defen[cs]e|interior|foreign affairs|emergency situations))$/i;

export function qualifyBareMinistries(index: EntityIndex, sentences: Sentence[], titleEnd: number): void {
  for (const entity of index.entities) {
    if (entity.type !== "organization" || entity.affiliation || !BARE_MINISTRY.test(entity.name)) continue;
    const first = entity.mentions[0];
    if (!first) continue;
    const at = sentences.findIndex((s) => s.start <= first.start && first.start < s.end);
    const windows: Window[] = [{ start: 0, end: titleEnd, text: null }];
    for (const s of [sentences[at - 1], sentences[at]]) if (s) windows.push(s);
    const countries = new Set<string>();
    for (const mention of index.mentions) {
      if (mention.entity.kind !== "country") continue;
      const window = windows.find((w) => w.start <= mention.start && mention.end <= w.end);
      // "… said on its Facebook account (banned in Russia)": an aside in brackets places nothing.
      if (window && !inBrackets(window, mention.start)) countries.add(mention.entity.name);
    }
    const [country] = countries;
    if (countries.size !== 1 || !country) continue;
    const demonym = DEMONYM_LIST.filter((d) => countryOfDemonym(d) === country && /^\p{Lu}\p{Ll}+$/u.test(d))
      .filter((d) => !d.endsWith("s") || d.endsWith("ese"))
      .pop();
    if (!demonym) continue;
    entity.aliases.add(entity.name);
    entity.name = `${demonym} ${entity.name}`;
    entity.affiliation = country;
  }
}

/** The headline or a sentence: where a country may be named. */
interface Window {
  start: number;
  end: number;
  text: string | null;
}

/** Whether `at` falls inside a bracketed aside of a sentence (a headline's text is not read). */
function inBrackets(window: Window, at: number): boolean {
  if (window.text === null) return false;
  const before = window.text.slice(0, at - window.start);
  return before.lastIndexOf("(") > before.lastIndexOf(")");
}
