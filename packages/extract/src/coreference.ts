import type { EntityType } from "@headcount/shared";
import type { AttributionContext, SourceRef } from "./attribution.ts";
import { RELAY_KINDS, SAY } from "./attribution-words.ts";
import { lastPhrase } from "./described-sayer.ts";
import { describedGroup } from "./group-anaphor.ts";
import { lastBefore, lastSpeaker, mentionsNear, recentPrior, refOf } from "./mention-lookup.ts";
import { resolveNP } from "./speaker-phrase.ts";

/** "The group said", "the official added", "the report said": who a description points back to. */

export const ORG_ANAPHOR =
  /^(?:(?:health|defen[cs]e|interior|foreign|aid|rights|humanitarian|rebel|armed|militant|medical|charity|relief|monitoring|research|spy|intelligence|news)\s+)?(group|agency|ministry|organi[sz]ation|charity|alliance|militia|movement|coalition|body|watchdog|monitor|observatory|network|office|institute|council|committee|army|military|force|forces|rebels|junta|government|administration|authority|authorities|service|mission|directorate|command|general staff|staff|headquarters)$/i;
/** What a body's name says of its kind, for "the medical group", "the rights group" and the like. */
export const QUALIFIED_BODY: Record<string, RegExp> = {
  health: /\b(?:health|medical|doctors?|medics|physicians|hospitals?)\b/,
  medical: /\b(?:health|medical|doctors?|medics|physicians|hospitals?|red cross|red crescent)\b/,
  rights: /\b(?:rights|watch|amnesty|lawyers?)\b/,
  monitoring: /\b(?:monitor\w*|observatory|watch|acled|airwars|data)\b/,
  humanitarian:
    /\b(?:humanitarian|aid|relief|red cross|red crescent|ocha|unicef|unhcr|unrwa|programme|program)\b/,
  aid: /\b(?:humanitarian|aid|relief|red cross|red crescent|ocha|unicef|unhcr|unrwa|programme|program|msf)\b/,
  relief: /\b(?:humanitarian|aid|relief|red cross|red crescent|ocha|unicef|unhcr|unrwa)\b/,
  charity: /\b(?:charity|aid|relief|save the children|oxfam|msf|international)\b/,
};
export const PERSON_ANAPHOR =
  /^(?:(?:senior|regional|local|military|security|government|defen[cs]e|police|army|rebel|intelligence|health|western|u\.?s\.?)\s+)?(official|spokes(?:man|woman|person)|commander|officer|diplomat|analyst|source|envoy|general|colonel|minister|governor|mayor|chief|leader|advis[eo]r|aide|negotiator|representative|ombuds(?:man|woman|person)|commissioner)$/i;

/**
 * "The group said …", "the official added …": the most recent organisation or person named (or quoted)
 * before, whose name or description fits the noun. Nothing is returned when nothing fits.
 */
export function coreferent(
  ctx: AttributionContext,
  text: string,
  start: number,
  end: number,
): SourceRef | null {
  const prior = recentPrior(ctx, start);
  // "The report said …", "the updated figures reveal …": the document of whoever was cited last, or else of
  // the body the paragraph just said announced it.
  if (DOCUMENT.test(text)) return documentOwner(ctx, start, end);
  // "US officials told the paper … the officials claimed": the described speakers named just before.
  const plural =
    /^(officials|sources|analysts|activists|medics|witnesses|residents|experts|diplomats|researchers)$/i.exec(
      text,
    );
  if (plural?.[1]) {
    const noun = plural[1].toLowerCase();
    const described = lastSpeaker(
      ctx,
      start,
      (r) => r.entity === null && r.name.toLowerCase().endsWith(` ${noun}`),
    );
    if (described) return { ...described, start, end };
  }
  const org = ORG_ANAPHOR.exec(text);
  if (org?.[1]) {
    const noun = org[1].toLowerCase();
    // "the interior ministry" after "the defence ministry": a portfolio written out must agree.
    const written = text.slice(0, -org[1].length).trim().toLowerCase().replace("defense", "defence");
    const modifier = /^(?:health|defence|interior|foreign)$/.test(written) ? written : "";
    const qualifier = /^(health|medical|rights|monitoring|humanitarian|aid|relief|charity)\s/i.exec(
      text,
    )?.[1];
    const fits = (name: string, type: EntityType, kind: string | null): boolean => {
      if (type !== "organization" && type !== "group") return false;
      const lower = name.toLowerCase().replace(/\bdefense\b/g, "defence");
      if (modifier && !new RegExp(`\\b${modifier}`).test(lower)) return false;
      // "the medical group", "the rights group", "the monitoring group": a body of that kind, not any group.
      if (qualifier && !QUALIFIED_BODY[qualifier.toLowerCase()]?.test(lower)) return false;
      // "the rebels", "the militia", "the junta": only a body called so, never any group named before.
      if (
        /^(?:rebels|militia|junta|council|committee|mission|directorate|coalition|alliance|movement)$/.test(
          noun,
        )
      )
        return new RegExp(`\\b${noun.replace(/s$/, "")}`).test(lower);
      if (/^ministry$/.test(noun)) return /\bministry\b|\bministries\b/.test(lower);
      if (/staff|headquarters/.test(noun)) return lower.includes(noun) || kind === "military";
      // "the agency said": a news, aid or intelligence agency named before, not an armed group.
      if (noun === "agency")
        return (
          kind === "news" ||
          kind === "agency" ||
          kind === "intl" ||
          /\b(?:agency|office|service|programme|program|fund|unicef|unhcr|ocha|unrwa|who)\b/.test(lower)
        );
      // "the army said": a state's forces, not an armed group named since ("Hamas fighters …, the army said").
      if (/^(?:army|military)$/.test(noun))
        return (
          kind === "military" ||
          (kind !== "armed" && /\b(?:army|military|armed forces|defen[cs]e forces?)\b/.test(lower))
        );
      if (/^(?:force|forces|command)$/.test(noun))
        return kind === "military" || kind === "armed" || /\b(?:army|military|forces?|command)\b/.test(lower);
      if (/^(?:government|administration|authority|authorities|junta)$/.test(noun))
        return /\b(?:government|administration|authorit\w+|junta|ministry|kremlin|white house)\b/.test(lower);
      if (kind === "news" && noun !== "agency") return false;
      return true;
    };
    let best: SourceRef | null = null;
    // "the army": an organisation called so before any other armed body.
    const named = /^(?:army|military|forces)$/.test(noun)
      ? lastBefore(
          ctx.index,
          start,
          (m) =>
            (m.entity.type === "organization" || m.entity.type === "group") &&
            [m.entity.name, ...m.entity.aliases].some((n) =>
              new RegExp(`\\b(?:${noun}|armed forces)\\b`, "i").test(n),
            ),
        )
      : null;
    // "The army said … The army said": a described speaker called so before wins over a force named since.
    const calledSo = /^(?:army|military|police)$/.test(noun)
      ? prior
          .filter((r) => !r.entity && new RegExp(`\\b${noun}$`, "i").test(r.name) && r.start < start)
          .sort((a, b) => b.start - a.start)[0]
      : undefined;
    if (calledSo && (!named || calledSo.start > named.start)) return { ...calledSo, start, end };
    const mention =
      named ?? lastBefore(ctx.index, start, (m) => fits(m.entity.name, m.entity.type, m.entity.kind));
    if (mention) best = refOf(mention.entity, mention.start, mention.end);
    for (const r of prior) {
      if (r.entity) continue;
      if (!fits(r.name, r.type, null)) continue;
      if (!best || r.start > best.start) best = r;
    }
    const called = /^group$/i.test(text) ? describedGroup(ctx.body, ctx.index, start, end, best) : null;
    if (called) return called;
    if (best) return best.entity ? refOf(best.entity, start, end) : { ...best, start, end };
    return null;
  }
  const person = PERSON_ANAPHOR.exec(text);
  if (person?.[1]) {
    const noun = person[1].toLowerCase();
    let best: SourceRef | null = null;
    const mention = lastBefore(
      ctx.index,
      start,
      (m) =>
        m.entity.type === "person" && !!m.entity.role && new RegExp(`\\b${noun}`, "i").test(m.entity.role),
    );
    if (mention) best = refOf(mention.entity, mention.start, mention.end);
    for (const r of prior) {
      if (r.type !== "person") continue;
      const fitsNoun =
        new RegExp(`\\b${noun}\\b`, "i").test(r.name) || !!r.entity?.role?.toLowerCase().includes(noun);
      if (!fitsNoun) continue;
      if (!best || r.start > best.start) best = r;
    }
    if (best) return best.entity ? refOf(best.entity, start, end) : { ...best, start, end };
    // "…, state media cited a military source as saying. The source said …": a speaker described just
    // before, though no figure was given in its name yet.
    const described = describedBefore(ctx, noun, start);
    if (described) return { ...described, start, end };
  }
  return null;
}

/** How far back "the source" may look for "a military source" introduced without a figure. */
const DESCRIBED_REACH = 400;

/** The last speaker introduced as "a/an … NOUN" within the sentences just before `start`. */
function describedBefore(ctx: AttributionContext, noun: string, start: number): SourceRef | null {
  const from = Math.max(0, start - DESCRIBED_REACH);
  const window = ctx.body.slice(from, start);
  const pattern = new RegExp(`\\b(?:an?|one)\\s+((?:[\\p{L}.’'-]+\\s+){0,3}${noun})\\b`, "giu");
  let last: RegExpExecArray | null = null;
  for (let m = pattern.exec(window); m; m = pattern.exec(window)) last = m;
  if (!last?.[1]) return null;
  const phraseStart = from + last.index + last[0].length - last[1].length;
  const ref = resolveNP(ctx, phraseStart, phraseStart + last[1].length);
  return ref && ref.type === "person" && ref.entity === null ? ref : null;
}

/** A document that speaks for whoever issued it: "the report", "a statement", "the updated figures". */
export const DOCUMENT =
  /^(?:(?:new|latest|same|confidential|internal|updated|revised|official|preliminary|daily|new)\s+)*(?:report|statement|study|survey|assessment|figures|data|tally|update|communiqu[eé])$/i;

export function documentOwner(ctx: AttributionContext, start: number, end: number): SourceRef | null {
  const issuer = issuerNamed(ctx, start, end);
  if (issuer) return issuer;
  const prior = recentPrior(ctx, start);
  const last = prior[prior.length - 1];
  const isBody = (type: EntityType) => type === "organization" || type === "group";
  if (last && isBody(last.type))
    return last.entity ? refOf(last.entity, start, end) : { ...last, start, end };
  if (last) return null;
  // No figure was attributed yet: the body named last in the sentences before, if it was announcing.
  const paragraphStart = Math.max(0, ctx.body.lastIndexOf("\n", ctx.sentence.start - 1) + 1);
  const mention = lastBefore(
    ctx.index,
    start,
    (m) =>
      isBody(m.entity.type) &&
      m.start >= paragraphStart &&
      !RELAY_KINDS.has(m.entity.kind ?? "") &&
      (new RegExp(`^\\s*(?:\\w+\\s+){0,3}(?:${SAY})\\b`, "i").test(ctx.body.slice(m.end, m.end + 60)) ||
        // "According to the army, … The statement said …": the body the paragraph cites.
        /\baccording to\s+(?:the\s+)?(?:[\p{L}’'-]+\s+){0,2}$/iu.test(
          ctx.body.slice(Math.max(0, m.start - 40), m.start),
        )),
  );
  if (mention) return refOf(mention.entity, start, end);
  // A body the entity index did not list: the capitalised name that announced something just before.
  const ref = lastPhrase(ctx, ANNOUNCER, paragraphStart, ctx.sentence.start, resolveNP);
  return ref && isBody(ref.type) ? { ...ref, start, end } : null;
}

/**
 * "A statement by the Russian Defense Ministry said … The statement further claimed …": the document was
 * introduced with its issuer ("a statement by X", "X's statement"), paragraphs before if need be.
 */
function issuerNamed(ctx: AttributionContext, start: number, end: number): SourceRef | null {
  const noun = /(\p{L}+)\s*$/u.exec(ctx.body.slice(start, end))?.[1]?.toLowerCase();
  if (!noun || !/^(?:statement|report|communiqu[eé]|update|assessment)$/.test(noun)) return null;
  const from = Math.max(0, start - 2000);
  const before = ctx.body.slice(from, start);
  const by = new RegExp(
    `\\b${noun}\\s+(?:(?:issued|released|published|put out)\\s+)?by\\s+(?:the\\s+)?`,
    "gi",
  );
  let at = -1;
  for (let m = by.exec(before); m; m = by.exec(before)) at = from + m.index + m[0].length;
  if (at < 0) return ownerOfDocument(ctx, before, from, start, end);
  const mention = mentionsNear(ctx.index, at, at + 4).find(
    (m) =>
      (m.entity.type === "organization" || m.entity.type === "group" || m.entity.type === "person") &&
      m.start <= at + 4,
  );
  return mention ? refOf(mention.entity, start, end) : null;
}

// "… the Russian Defense Ministry's daily briefing, which detailed …": a document named by its issuer's possessive.
const OWNED_DOCUMENT =
  /[’']s\s+(?:(?:daily|weekly|latest|new|official|regular|evening|morning)\s+)?(?:statement|report|briefing|communiqu[eé]|update|assessment|announcement|bulletin)\b/giu;

/** The issuer of the last document named by its possessive ("X's daily briefing") before the anaphor. */
function ownerOfDocument(
  ctx: AttributionContext,
  before: string,
  from: number,
  start: number,
  end: number,
): SourceRef | null {
  let at = -1;
  OWNED_DOCUMENT.lastIndex = 0;
  for (let m = OWNED_DOCUMENT.exec(before); m; m = OWNED_DOCUMENT.exec(before)) at = from + m.index;
  if (at < 0) return null;
  const owner = mentionsNear(ctx.index, at - 80, at + 1).find(
    (m) =>
      m.end === at &&
      (m.entity.type === "organization" || m.entity.type === "group" || m.entity.type === "person"),
  );
  return owner ? refOf(owner.entity, start, end) : null;
}

export const ANNOUNCER = new RegExp(
  `\\b(\\p{Lu}[\\p{L}’'-]*(?:\\s+(?:of|for|the|\\p{Lu}[\\p{L}’'-]*)){0,6})\\s+(?:(?:on|has|had|also)\\s+)?(?:${SAY})\\b`,
  "gu",
);
