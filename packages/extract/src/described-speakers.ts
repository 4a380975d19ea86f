import { adopt } from "./claim-support.ts";
import type { Working } from "./claims.ts";
import { QUALIFIED_BODY } from "./coreference.ts";
import type { EntityIndex, EntityMention, EntityRecord } from "./entities.ts";
import { firstFrom, refOf } from "./mention-lookup.ts";

/**
 * "Two militants were killed, a defence official said. Lt Col Arun Mehta, a defence spokesman, said …": wire
 * copy often introduces a speaker by description and names him in the next sentence. A figure given by "a …
 * official" (or spokesman, officer) goes to the person named right after whose role fits the description.
 */

/** How far after the description the person may be named: the next sentence or two. */
const REACH = 400;
/** Heads that describe one person speaking for a body, and the role words that answer to them. */
const OFFICIAL = /^(?:official|spokes(?:man|woman|person)|officer|representative)$/;
const QUALIFIER_STOP = new Set(["a", "an", "one", "senior", "local", "top", "another", "the"]);

/** What the whole article says of its speakers, once every claim has one: names given later, lists. */
export function refineSpeakers(claims: Working[], index: EntityIndex, body: string): void {
  nameDescribedSpeakers(claims, index, body);
  listItemSpeakers(claims, body);
  dashSaidSpeakers(claims, index, body);
}

/** "… They suffered heavy losses - Zelensky said.": speech set off by a dash, attributed at its paragraph's end. */
const DASH_SAID =
  /\s[-–—]\s*((?:the\s+)?\p{Lu}[\p{L}.’' -]{1,60}?)\s+(?:said|says|noted|added|stated|emphasi[sz]ed|stressed|explained|wrote|concluded)\.?["”]?\s*$/u;

/** A paragraph of unquoted speech closed by "- X said." is X's throughout, where its figures name no one. */
function dashSaidSpeakers(claims: Working[], index: EntityIndex, body: string): void {
  const speakers = new Map<number, EntityRecord | null>();
  for (const claim of claims) {
    if (claim.draft.source !== null || claim.draft.inTitle) continue;
    const newline = body.indexOf("\n", claim.draft.start);
    const end = newline < 0 ? body.length : newline;
    if (!speakers.has(end)) {
      const tailStart = Math.max(claim.draft.start, end - 120);
      const m = DASH_SAID.exec(body.slice(tailStart, end));
      let speaker: EntityRecord | null = null;
      if (m?.[1]) {
        const at = tailStart + m.index + m[0].indexOf(m[1]);
        const mentions = index.mentions;
        for (let i = firstFrom(mentions, at); i < mentions.length; i++) {
          const mention = mentions[i] as EntityMention;
          if (mention.start >= at + m[1].length) break;
          if (mention.entity.type !== "place") speaker = mention.entity;
        }
      }
      speakers.set(end, speaker);
    }
    const speaker = speakers.get(end);
    if (!speaker) continue;
    claim.sourceRefs = [refOf(speaker, claim.draft.start, claim.draft.start), ...claim.sourceRefs.slice(1)];
    claim.draft.source = speaker.name;
    claim.draft.sourceType = speaker.type;
  }
}

/** "a Sudanese medical group said …. The Sudan Doctors Network said …": a body described, then named. */
const BODY_HEAD = /^(?:group|organi[sz]ation|body|network|agency|charity|monitor|ngo)$/;

function nameDescribedBody(claim: Working, index: EntityIndex, body: string): void {
  const ref = claim.sourceRefs[0];
  if (!ref || ref.entity !== null || claim.draft.sourceType === "person") return;
  if (!/\ban?\s+$/i.test(body.slice(Math.max(0, ref.start - 4), ref.start))) return;
  const words = ref.name.toLowerCase().split(/\s+/);
  if (!BODY_HEAD.test(words[words.length - 1] ?? "")) return;
  const kind = words.slice(0, -1).find((w) => QUALIFIED_BODY[w]);
  const fits = kind ? QUALIFIED_BODY[kind] : undefined;
  if (!fits) return;
  const mentions = index.mentions;
  for (let i = firstFrom(mentions, ref.end); i < mentions.length; i++) {
    const mention = mentions[i] as EntityMention;
    if (mention.start > ref.end + REACH) break;
    const { entity } = mention;
    if ((entity.type !== "organization" && entity.type !== "group") || !fits.test(entity.name.toLowerCase()))
      continue;
    claim.sourceRefs = [refOf(entity, ref.start, ref.end), ...claim.sourceRefs.slice(1)];
    claim.draft.source = entity.name;
    claim.draft.sourceType = entity.type;
    return;
  }
}

function nameDescribedSpeakers(claims: Working[], index: EntityIndex, body: string): void {
  for (const claim of claims) {
    nameDescribedBody(claim, index, body);
    const ref = claim.sourceRefs[0];
    if (!ref || ref.entity !== null || claim.draft.sourceType !== "person") continue;
    // Only an indefinite description introduces someone: "the official" points back, not forward.
    if (!/\ban?\s+$/i.test(body.slice(Math.max(0, ref.start - 4), ref.start))) continue;
    const words = ref.name.toLowerCase().split(/\s+/);
    const head = words[words.length - 1] ?? "";
    if (!OFFICIAL.test(head)) continue;
    const qualifiers = words.slice(0, -1).filter((w) => !QUALIFIER_STOP.has(w));
    const person = firstPersonAfter(index, ref.end, (mention) => fits(describe(body, mention), qualifiers));
    if (!person) continue;
    claim.sourceRefs = [refOf(person, ref.start, ref.end), ...claim.sourceRefs.slice(1)];
    claim.draft.source = person.name;
    claim.draft.sourceType = "person";
  }
}

/**
 * What the text says the person is: the role the index read, the words just before the name ("military
 * spokesman Budi Santoso") and the appositive after it ("Yusuf Warsame, a Somali military officer,").
 */
function describe(body: string, mention: EntityMention): string {
  const before =
    /([^,.;:“”"]{0,50})$/.exec(body.slice(Math.max(0, mention.start - 50), mention.start))?.[1] ?? "";
  const after = /^,\s+([^,.;“”"]{3,60})[,.]/.exec(body.slice(mention.end, mention.end + 80))?.[1] ?? "";
  return `${mention.entity.role ?? ""} ${before} ${after}`.toLowerCase();
}

/** A person described as an official and with the description's qualifiers ("defence", "military"). */
function fits(description: string, qualifiers: string[]): boolean {
  const roleWords = description.split(/[\s,]+/).filter(Boolean);
  if (!roleWords.some((w) => OFFICIAL.test(w))) return false;
  const defence = (w: string) => w.replace("defense", "defence");
  return qualifiers.every((q) => roleWords.map(defence).includes(defence(q)));
}

/** The first person named after `from`, within reach, who fits. */
function firstPersonAfter(
  index: EntityIndex,
  from: number,
  accept: (mention: EntityMention) => boolean,
): EntityRecord | null {
  // Mentions are in text order: find the first at or after `from` by halving, then read only within reach
  // (a scan from the start for every claim would be quadratic in a long document).
  const mentions = index.mentions;
  for (let i = firstFrom(mentions, from); i < mentions.length; i++) {
    const mention = mentions[i] as EntityMention;
    if (mention.start > from + REACH) break;
    if (mention.entity.type === "person" && accept(mention)) return mention.entity;
  }
  return null;
}

const BULLET = /^\s*(?:[•·▪*–—-]|\d{1,2}[.)])\s*/;

/** A line that opens with a figure ("65 civilians, including 13 children", "-40 military personnel …:"). */
const FIGURE_LINE =
  /^\s*(?:[•·▪*–—-]\s*)?(?:\d|(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|A|An)\s)/;

/** A report's heading: a short line with no closing punctuation ("Civilian fatalities"). */
function isHeading(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 60 && !/[.!?:;,"”’]$/.test(t);
}

/**
 * "SOHR documented the death of 160 people; the deaths are as follows:" and a list under it: each item of a
 * list is said by whoever introduced the list, when the item names no one. The list may run on through a
 * report's headings ("Civilian fatalities") and lines that open with a figure ("65 civilians, including 13
 * children. Here are further details"), each with items of its own.
 */
function listItemSpeakers(claims: Working[], body: string): void {
  const openers = new Map<number, Working | undefined>();
  for (let k = 0; k < claims.length; k++) {
    const claim = claims[k] as Working;
    if (claim.draft.source !== null) continue;
    const lineStart = body.lastIndexOf("\n", claim.draft.start - 1) + 1;
    const own = body.slice(lineStart, claim.draft.start + 1);
    if (!BULLET.test(own) && !(FIGURE_LINE.test(own) && lineStart > 0)) continue;
    // Up over the list's other items, its headings and blank lines to the line that opens it.
    let end = lineStart - 1;
    let intro = "";
    let introStart = 0;
    for (let lines = 0; end > 0 && lines < 60; lines++) {
      const start = body.lastIndexOf("\n", end - 1) + 1;
      const line = body.slice(start, end);
      const inList = BULLET.test(line) || FIGURE_LINE.test(line) || isHeading(line);
      if (line.trim() && (!inList || /:\s*$/.test(line))) {
        intro = line;
        introStart = start;
        break;
      }
      end = start - 1;
    }
    if (!/:\s*$/.test(intro)) continue;
    // Claims are in text order: the first item looks back only as far as the line that opens the list, and
    // the list's other items reuse what it found (each item searching every claim would be quadratic).
    if (!openers.has(introStart)) {
      let found: Working | undefined;
      for (let b = k - 1; b >= 0; b--) {
        const c = claims[b] as Working;
        if (c.draft.start < introStart) break;
        if (c.draft.source !== null && c.draft.start < introStart + intro.length) found = c;
      }
      openers.set(introStart, found);
    }
    const opener = openers.get(introStart);
    if (!opener) continue;
    adopt(claim, opener);
  }
}
