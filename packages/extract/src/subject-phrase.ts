import { NP_BOUNDARY, TRAILING_AUX } from "./attribution-words.ts";
import type { Sentence, Span } from "./segment.ts";

export const FINITE_VERB =
  /\s+(?:(?:has|have|had|also|later|then)\s+)*(?:\p{Ll}+ed|gave|made|held|put|issued|told|said|spoke|went|took|sent|met|wrote|brought|(?:corroborate|confirm|dispute|reject|deny|denie|accuse|blame|condemn|welcome|issue|release|publish)s?)\b/u;

/** The subject that opens a sentence, up to its first finite verb: "Abiad provided …" → "Abiad". */
export function leadingSubject(body: string, sentence: Sentence, scopeStart: number): Span | null {
  if (scopeStart !== sentence.start) return null;
  let from = sentence.start;
  // "Earlier on Tuesday, Israeli forces took …": an opening time adverbial is not the subject.
  const opening =
    /^\s*(?:(?:earlier|later|meanwhile|separately|overnight|on|in|last|this|late|early)\b[^,;:“”"]{0,40},\s*)/i.exec(
      body.slice(sentence.start, Math.min(sentence.end, sentence.start + 60)),
    );
  if (opening) from += opening[0].length;
  const text = body.slice(from, Math.min(sentence.end, from + 120));
  const verb = FINITE_VERB.exec(text);
  if (!verb || /[,;:“”"()]/.test(text.slice(0, verb.index))) return null;
  let np = text.slice(0, verb.index);
  // "The Defense Ministry on Wednesday offered …": a time after the subject is not part of it.
  for (let guard = 0; guard < 4; guard++) {
    const trimmed = np.replace(TRAILING_AUX, "");
    if (trimmed === np) break;
    np = trimmed;
  }
  if (!np.trim() || np.split(/\s+/).length > 8) return null;
  const lead = /^\s*/.exec(np)?.[0].length ?? 0;
  return { start: from + lead, end: from + np.length };
}

/** The noun phrase before a verb, back to a clause boundary. */
export const APPOSITIVE_ROLE =
  /^,\s+(?:(?:a|an|the)\s+)?(?:[\p{L}.’'-]+\s+){0,3}(?:head|administrator|chief|spokes\w+|director|leader|commander|governor|minister|official|member|president|founder|coordinator|chairman|chair|secretary|mayor|adviser|advisor|representative|envoy|researcher|analyst|officer|general|colonel|deputy|lawmaker|senator|prefect|commissioner|inspector|superintendent|resident|witness|doctor|nurse|activist)\b/iu;

/** "<subject> denied the report and", "<subject> confirmed the attack and also": a first verb and its object. */
const COORDINATED_VERB =
  /^(\s*(?:the\s+)?[\p{L}.’'-]+(?:\s+[\p{L}.’'-]+){0,5}?)\s+(?:has\s+|have\s+|had\s+)?(?:\p{Ll}{3,}ed|gave|took|made|sent|put out|issued|rejected)\s[^,;]{1,120}?\s(?:and|but)(?:\s+also)?$/u;

const ABBREVIATION_BEFORE_VERB =
  /\s?\([\p{Lu}\d][\p{L}\d.&-]{1,9}\),?(?=\s+(?:(?:also|later|has|have|had|on\s+\w+)\s+)*$)/u;

export function subjectBefore(body: string, scopeStart: number, verbStart: number): Span | null {
  // Set when a relative clause between the subject and the verb was blanked below.
  let relativeBlanked = false;
  // Set when "…, which have said" was blanked: the relative pronoun stands for the phrase before the comma.
  let relativeStands = false;
  const sliced = body.slice(scopeStart, verbStart);
  // Most subjects hold no comma: the patterns below that need one are not tried then (blanking only turns
  // characters into spaces, so no comma appears on the way).
  const comma = sliced.includes(",");
  let before = sliced
    // "He was quoted as saying", "the governor was cited as saying": the one quoted is the subject.
    .replace(
      /\s+(?:was|were|is|are|has been|have been|had been)\s+(?:quoted|cited|heard|reported)\s+as\s*$/i,
      (m) => " ".repeat(m.length),
    )
    // "al-Shabaab released a statement saying": whoever issued the statement says what it says.
    .replace(
      /\s+(?:has\s+|have\s+|had\s+)?(?:released|issued|put out|published|posted)\s+(?:a|an|its|their)\s+(?:[\p{L}-]+\s+)?(?:statement|communiqué|communique|message)\s*$/iu,
      (m) => " ".repeat(m.length),
    );
  if (comma)
    before = before
      // "Research from US scholars, however, estimates": a parenthetical adverb between commas.
      .replace(
        /,\s+(?:however|meanwhile|though|too|in turn|in contrast|by contrast|on the other hand|for (?:its|their|his|her) part|for example|instead),\s*$/i,
        (m) => " ".repeat(m.length),
      )
      // "Barros, 58, said": an age between commas is not a clause boundary (blanked, offsets kept).
      .replace(/,\s*\d{1,3},\s*(?=(?:(?:also|later|has|have|had)\s+)*$)/, (m) => " ".repeat(m.length));
  // "The Civil Defence – first responders who operate under the government – said": an aside between dashes.
  if (/[–—]/.test(sliced))
    before = before.replace(/\s[–—]\s[^–—,;:“”"]{2,160}\s[–—]\s*$/, (m) => " ".repeat(m.length));
  // "The Sudanese Armed Forces (SAF) said": the abbreviation in brackets repeats the name.
  before = before.replace(ABBREVIATION_BEFORE_VERB, (m) => " ".repeat(m.length));
  if (comma)
    before = before
      // "The officials, who spoke on condition of anonymity, said", "The Pakistani Taliban, known as the TTP,
      // said", "X, who has accused Russia of “hiding its losses,” said": the relative clause or the other name
      // is not the subject.
      .replace(
        /,\s+(?:who|which|speaking|talking|writing|(?:also\s+|better\s+)?known\s+as|also\s+called|formerly|(?:run|controlled|backed|led|based)\s+(?:by|in)\b|(?:comprised|composed|made\s+up|consisting)\s+of\b|(?:released|issued|published|posted)\s+(?:on|late|early|last|this|yesterday|today)\b)\b[^,]*,[”"’]?\s*(?=(?:(?:also|later|has|have|had)\s+)*$)/,
        (m) => {
          relativeBlanked = true;
          return " ".repeat(m.length);
        },
      )
      // "The Arakan Army (AA), fighting for autonomy in Rakhine State, western Myanmar, claimed": a participle
      // describing the subject is not it.
      .replace(
        /,\s+(?!including\b|according\b)\p{Ll}{3,}ing\s+(?:for|against|in|on|with|under|alongside|to)\s[^,;:“”"]{2,80}(?:,\s+[^,;:“”"]{2,40})?,\s*(?=(?:(?:also|later|has|have|had)\s+)*$)/u,
        (m) => " ".repeat(m.length),
      )
      // "The BBC Russian Service, together with Mediazona and volunteers, have identified": the partners
      // between commas are not the subject's head.
      .replace(
        /,\s+(?:together|along|jointly|in partnership)\s+with\s+[^,;:“”"]{2,80},\s*(?=(?:(?:also|later|has|have|had)\s+)*$)/i,
        (m) => " ".repeat(m.length),
      )
      // "The UN mission, which had earlier announced …": the relative pronoun stands for the name before it.
      .replace(
        /,\s+(?:which|who)\s+(?:(?:had|has|have|also|earlier|previously|already|first|initially|later)\s+){0,3}$/i,
        (m) => {
          relativeStands = true;
          return " ".repeat(m.length);
        },
      )
      // "Anna Berg, a Dutch military analyst, said", "Margaret Chan, head of the WHO, on Monday said": the
      // appositive describes the subject before it.
      .replace(
        /,(?<=\p{L},)\s+(?:(?:a|an|the)\s+[^,;:“”"]{2,80}|(?:[\p{Ll}.’'-]+\s+){0,2}(?:head|chief|director|spokes\w+|leader|commander|minister|secretary|coordinator|president|chairman|chair|adviser|advisor|representative|envoy|founder|deputy)\s+(?:of|for|to|at)\s[^,;:“”"]{2,80}),\s*(?=(?:(?:also|later|has|have|had|on\s+\p{Lu}\p{Ll}+)\s+)*$)/u,
        (m) => " ".repeat(m.length),
      );
  // "The Arakan Army (AA), fighting for …, claimed": the abbreviation, once the aside after it is blanked.
  if (comma) before = before.replace(ABBREVIATION_BEFORE_VERB, (m) => " ".repeat(m.length));
  // "Rights monitors, including the Emergency Lawyers group, stated": the body the aside names speaks.
  const including = !comma
    ? null
    : /,\s+(?:including|among them|notably)\s+((?:the\s+)?\p{Lu}[^,;:“”"]{1,80}?),\s*(?:(?:also|later|has|have|had)\s+)*$/u.exec(
        before,
      );
  if (including?.[1]) {
    const start = scopeStart + including.index + including[0].indexOf(including[1]);
    return { start, end: start + including[1].length };
  }
  // "Christophe Ndaye, head of a local rights group, based in Beni, said": a name, then descriptions
  // between commas; the name is the subject.
  // "X, Commissioner of Police in the State, who confirmed the attack, disclosed": with the relative clause
  // blanked, the appositive before it still closes with its comma.
  const chain = !comma
    ? null
    : /^(\s*(?:\p{Lu}[\p{L}.’'-]*)(?:\s+(?:\p{Lu}[\p{L}.’'-]*|al|el|bin|ibn|van|von|der|de|da|du|la|le)){0,4})((?:,\s+[^,;:“”"]{2,90}){1,3}),\s*(?:(?:also|later|has|have|had)\s+)*$/u.exec(
        relativeBlanked ? `${before.trimEnd()}, ` : before,
      );
  if (
    chain?.[1] &&
    !/^\s*(?:In|On|At|After|Before|During|Since|By|From|Meanwhile|However|Earlier|Later|Last|This|But|And|Separately|Elsewhere|Overall|Still|Yet)\b/.test(
      chain[1],
    ) &&
    APPOSITIVE_ROLE.test(chain[2] ?? "")
  ) {
    const lead = /^\s*/.exec(chain[1])?.[0].length ?? 0;
    const start = scopeStart + lead;
    return { start, end: scopeStart + chain[1].length };
  }
  // "Usman Bello who spoke with our correspondent from the hospital, confirmed": a relative clause closed by a
  // comma it did not open with; the name before it is the subject.
  const relative = !comma
    ? null
    : /^(\s*\p{Lu}[\p{L}.’'-]*(?:\s+(?:\p{Lu}[\p{L}.’'-]*|al|el|bin|ibn)){1,4})\s+who\s+[^,;:“”"]{2,120},\s*(?:(?:also|later|has|have|had)\s+)*$/u.exec(
        before,
      );
  if (relative?.[1]) {
    const lead = /^\s*/.exec(relative[1])?.[0].length ?? 0;
    return { start: scopeStart + lead, end: scopeStart + relative[1].length };
  }
  // "A spokesperson for the army, Brigadier Nabil Abdallah, said": the name between commas is the subject.
  const named = !comma
    ? null
    : /,\s+(\p{Lu}[\p{L}.’'-]*(?:\s+(?:\p{Lu}[\p{L}.’'-]*|al|el|bin|ibn|van|von|der|de|da|du|la|le)){1,5}),\s*$/u.exec(
        before,
      );
  if (named?.[1]) {
    const start = scopeStart + named.index + named[0].indexOf(named[1]);
    return { start, end: start + named[1].length };
  }
  let from = 0;
  NP_BOUNDARY.lastIndex = 0;
  for (let m = NP_BOUNDARY.exec(before); m; m = NP_BOUNDARY.exec(before)) {
    if (m[0].length === 0) {
      NP_BOUNDARY.lastIndex++;
      continue;
    }
    from = m.index + m[0].length;
  }
  let np = before.slice(from).trimEnd();
  let start = scopeStart + from;
  for (let guard = 0; guard < 6; guard++) {
    const trimmed = np.replace(TRAILING_AUX, "");
    if (trimmed === np) break;
    np = trimmed;
  }
  // "… estimates given by Western intelligence agencies, which have said that …": the phrase the pronoun stands
  // for ends the clause; it begins after the last preposition that leads to it.
  const antecedent = relativeStands ? /^.*\s(?:by|from|with|of)\s+/s.exec(np) : null;
  if (antecedent && antecedent[0].length < np.length) {
    start += antecedent[0].length;
    np = np.slice(antecedent[0].length);
  }
  // "He said residents recounted …": the deeper speaker follows the reporting verb.
  const inner = /^.*\b(?:said|says|told|reported|added|stated|claimed)\s+(?!that\b)/s.exec(np);
  if (inner && inner[0].length < np.length) {
    start += inner[0].length;
    np = np.slice(inner[0].length);
  }
  // "As the ministry reported, …": a conjunction opening the sentence is not part of the subject.
  const conjunction = /^\s*(?:as|when|while|because|although|though|after|before)\s+(?=\S)/i.exec(np);
  if (conjunction) {
    start += conjunction[0].length;
    np = np.slice(conjunction[0].length);
  }
  // "The ministry denied the report and said …": the verbs share the clause's subject.
  const coordinated = COORDINATED_VERB.exec(np);
  if (coordinated?.[1]) np = coordinated[1];
  const lead = /^\s*/.exec(np)?.[0].length ?? 0;
  start += lead;
  np = np.slice(lead).trimEnd();
  if (!np || np.split(/\s+/).length > 20) return null;
  return { start, end: start + np.length };
}
