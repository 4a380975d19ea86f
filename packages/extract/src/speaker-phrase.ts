import type { AttributionContext, SourceRef } from "./attribution.ts";
import {
  GENERIC_ONLY,
  LEADING_NOISE,
  MEMBER_HEAD,
  OFFICE_HEAD,
  RELAY_KINDS,
  SERVES_AFTER,
  SINGULAR_PERSON,
  SOURCE_NOUNS,
  STRIP_HEAD,
} from "./attribution-words.ts";
import { coreferent, DOCUMENT, documentOwner, ORG_ANAPHOR } from "./coreference.ts";
import { describedHead } from "./described-head.ts";
import { describedSayer } from "./described-sayer.ts";
import { nameAfterKind } from "./descriptor-name.ts";
import { territorialMinistryName } from "./entities.ts";
import {
  countryOfDemonym,
  lookupSurface,
  ORG_KEYWORDS,
  speaksForGovernment,
  TITLE_WORDS,
} from "./gazetteer.ts";
import * as guards from "./guard-words.ts";
import { bestEntity, lastBefore, lastSpeaker, mentionsNear, refOf } from "./mention-lookup.ts";
import { normaliseRole, normalizeName } from "./variants.ts";

/** What a noun phrase before or after a reporting verb names: an entity, a pronoun's antecedent, a role. */

export const PRONOUN = /^(he|she|him|her|it|they|we|i)$/i;

/** Resolves a noun phrase to a source: an entity in it, a pronoun's antecedent, a role, or the description. */
export function resolveNP(ctx: AttributionContext, start: number, end: number): SourceRef | null {
  const { body, index } = ctx;
  let text = body.slice(start, end);
  for (let guard = 0; guard < 4; guard++) {
    const m = LEADING_NOISE.exec(text);
    if (!m?.[0]) break;
    text = text.slice(m[0].length);
    start += m[0].length;
  }
  // "a commander who asked not to be named", "an officer loyal to the government": the person, not the clause.
  text = text.replace(/\s+(?:[Ww]ho|[Ww]hom|[Ww]hich|[Ww]hose)\s[\s\S]*$/, "").replace(SERVES_AFTER, "");
  // "the health ministry's figures": the owner of the figures.
  text = text.replace(
    /[’']s?(?:\s+(?:own\s+|latest\s+|new\s+|updated\s+|daily\s+)?(?:figures|data|estimates?|count|tally|reports?|assessment|statement|toll))?$/i,
    "",
  );
  // "the health ministry in Hamas-run Gaza": the territory's ministry, named whole.
  const territorial = territorialMinistryName(text);
  if (territorial) {
    const named = bestEntity(index, start, start + text.length);
    if (named && normalizeName(named.entity.name) === normalizeName(territorial))
      return refOf(named.entity, start, start + text.length);
    return { name: territorial, type: "organization", entity: null, start, end: start + text.length };
  }
  // "the Britain-based Syrian Observatory": where a body is based is not part of its name.
  // "the Iran-backed Houthi group": who backs a group is not part of its name either.
  text = !guards.BACKED_GUARD.test(text)
    ? text
    : text.replace(
        /^(?:the\s+)?(?:[\p{L}.-]+-(?:based|backed|aligned|allied)\s+)(?:war\s+monitor\s+)?/iu,
        (m) => {
          start += m.length;
          return "";
        },
      );
  // "…, with some outlets saying nine were killed": the preposition opening the clause is not the speaker's.
  text = text.replace(/^(?:with|among)\s+/i, (m) => {
    start += m.length;
    return "";
  });
  // "a new toll by activists": the toll is the activists'.
  const byWhom =
    /^(?:(?:a|an|the|new|latest|updated|revised|provisional|preliminary|initial|official|grim|recent)\s+)*(?:toll|count|tally|figures?|estimates?|report|statement|research|study|studies|analysis|survey|(?:casualty\s+)?list|records)\s+(?:(?:published|released|issued|compiled|provided|made public)\s+(?:[\w-]+\s+){0,3}?)?(?:by|from)\s+/i.exec(
      text,
    );
  if (byWhom) {
    start += byWhom[0].length;
    text = text.slice(byWhom[0].length);
  }
  // "Alarming statistics show that …", "satellite images show …": evidence shows, nobody speaks.
  if (
    /^(?:(?:the|these|those|new|latest|alarming|recent|preliminary|available|satellite|such)\s+)*(?:statistics|figures|data|numbers|footage|images|videos|photos|imagery|evidence)$/i.test(
      text.trim(),
    )
  )
    return null;
  // "a source at the health ministry", "a member of a local militia", "an official from the local
  // administration": one person described by where they work speaks as that person, not for the body.
  const member = !guards.MEMBER_GUARD.test(text)
    ? null
    : /^(?:(?:an?|one)\s+)?((?:[\p{L}.’'-]+\s+){0,2}(?:source|official|member|resident|officer|employee|worker|doctor|medic|nurse|spokes(?:man|woman|person))\s+(?:at|of|from|in|with|for)\s+(?:(?:the|an?)\s+)?(?:[\p{L}’'.-]+\s+){0,4}?[\p{L}’'.-]+)(?=\s+(?:under|who|which|that|based|on|near|speaking)\b|$)/iu.exec(
        text,
      );
  if (member?.[1]) {
    const at = start + text.indexOf(member[1]);
    return { name: member[1], type: "person", entity: null, start: at, end: at + member[1].length };
  }
  // "Li Fung from OHCHR Sudan": a person's name, then where the person works; the person speaks.
  const fromBody =
    /^(\p{Lu}[\p{Ll}’'-]+(?:\s+\p{Lu}[\p{Ll}’'-]+){1,2})\s+(?:from|of|at)\s+(?:the\s+)?\p{Lu}/u.exec(text);
  const nameWords = fromBody?.[1]?.split(/\s+/) ?? [];
  if (
    fromBody?.[1] &&
    !lookupSurface(fromBody[1]) &&
    !ORG_ANAPHOR.test(fromBody[1]) &&
    !nameWords.some((w) => ORG_KEYWORDS.has(w) || TITLE_WORDS.has(w.toLowerCase()) || countryOfDemonym(w))
  ) {
    const named = mentionsNear(index, start, start + fromBody[1].length).find(
      (m) => m.entity.type === "person" && m.start === start,
    );
    if (named) return refOf(named.entity, start, start + fromBody[1].length);
    if (!mentionsNear(index, start, start + fromBody[1].length).some((m) => m.start === start))
      return { name: fromBody[1], type: "person", entity: null, start, end: start + fromBody[1].length };
  }
  // "the president of Burkina Faso", "the governor of Kursk": a person named by an office of a place or a
  // body speaks as that person (whose side the place gives), never as the place.
  const office =
    /^(?:the\s+)?((?:(?:acting|interim|former|deputy|vice)[\s-]+)?(?:president|prime minister|premier|governor|mayor|head|chief|leader|(?:[\p{L}-]+\s+)?minister|spokes(?:man|woman|person)|commander|chairman|secretary[- ]general|ambassador|envoy)\s+of\s+(?:the\s+)?\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*){0,3})$/u.exec(
      text,
    );
  if (office?.[1]) {
    const at = start + text.indexOf(office[1]);
    return { name: office[1], type: "person", entity: null, start: at, end: at + office[1].length };
  }
  // "Hospital officials in Rafah", "the health ministry in Ramallah": where the speakers are does not name them.
  const located = !guards.LOCATED_GUARD.test(text)
    ? null
    : /^(.+?\b(?:officials?|sources?|doctors?|medics?|nurses?|residents?|witness(?:es)?|workers?|activists?|authorities|staff|police|personnel|professionals?|practitioners?|diplomats?|analysts?|observers?|monitors?|investigators?|journalists?|correspondents?|commanders?|officers?|spokes(?:man|woman|person)|[Mm]inistry|[Hh]ospital))\s+(?:in|at|from|near)\s+(?:the\s+)?\p{Lu}[\p{L}’'\s.-]*$/u.exec(
        text,
      );
  if (located?.[1]) text = located[1];
  text = text.replace(/[\s,]+$/, "");
  end = start + text.length;
  if (!text) return null;
  if (DOCUMENT.test(text)) return documentOwner(ctx, start, end);
  const definite = /\bthe\s+$/i.test(body.slice(Math.max(0, start - 4), start));
  if (definite) {
    const back = coreferent(ctx, text, start, end);
    if (back) return back;
  }
  // "the nation's spy agency", "the West African nation's military": the country's own body named before,
  // or else that body of the country the story named last.
  const national = !guards.NATIONAL_GUARD.test(text)
    ? null
    : /^(?:the\s+)?(?:[\p{L}-]+\s+){0,3}?(?:nation|country|kingdom|republic)[’']s\s+((?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+)$/u.exec(
        text,
      );
  if (national?.[1] && (definite || /^the\s/i.test(text))) {
    const own = coreferent(ctx, national[1], end - national[1].length, end);
    if (own) return own;
    const country = lastBefore(index, start, (m) => m.entity.kind === "country" && start - m.end < 3000);
    if (country)
      return {
        name: `${country.entity.name} ${national[1]}`,
        type: "organization",
        entity: null,
        start,
        end,
      };
  }
  // "a military statement", "army figures", "the ministry's statement": the body that issued them.
  const issued = !guards.ISSUED_GUARD.test(text)
    ? null
    : /^(?:(?:a|an|the|its|their|new|latest|updated|official|daily|preliminary)\s+)*([\p{L}’'-]+(?:\s+[\p{L}’'-]+)?)\s+(?:statement|figures|toll|data|count|tally|communiqu[eé]|update|release)$/iu.exec(
        text,
      );
  if (issued?.[1] && ORG_ANAPHOR.test(issued[1].replace(/[’']s$/, ""))) {
    const issuerStart = start + text.indexOf(issued[1]);
    const back = coreferent(
      ctx,
      issued[1].replace(/[’']s$/, ""),
      issuerStart,
      issuerStart + issued[1].length,
    );
    if (back) return back;
    // "army figures" with no army named before: the issuer as described.
    const issuer = issued[1].replace(/[’']s$/, "");
    return {
      name: issuer,
      type: "organization",
      entity: null,
      start: issuerStart,
      end: issuerStart + issuer.length,
    };
  }

  const pronoun = PRONOUN.exec(text);
  if (pronoun?.[1]) {
    const p = pronoun[1].toLowerCase();
    // "According to him, …" continues the person as "he said" would.
    if (p === "he" || p === "she" || p === "him" || p === "her") {
      const speaker = lastSpeaker(ctx, start, (r) => r.type === "person");
      const person = lastBefore(index, start, (m) => m.entity.type === "person");
      // The person who spoke last, unless another person was named since (the nearer antecedent); one
      // described and not named ("a doctor at the hospital") goes on speaking as described.
      // "The military official, who spoke on condition of anonymity, told the agency … He stated that …": one
      // described as he spoke, after anyone named, is whom the pronoun continues.
      const described = describedSayer(
        ctx,
        start,
        Math.max(speaker?.start ?? -1, person?.end ?? -1),
        resolveNP,
      );
      if (described) return { ...described, start, end };
      if (speaker && (!person || person.entity === speaker.entity || person.start < speaker.start))
        return speaker.entity ? refOf(speaker.entity, start, end) : { ...speaker, start, end };
      return person ? refOf(person.entity, start, end) : null;
    }
    if (p === "it") {
      // "The army said … It said …": the organisation speaking last, before any organisation merely named.
      // A news agency that relayed the last figure is not who "it" continues to quote.
      const isOrg = (r: SourceRef) => r.type === "organization" || r.type === "group";
      const source = lastSpeaker(
        ctx,
        start,
        (r) => isOrg(r) && !r.relayed && !RELAY_KINDS.has(r.entity?.kind ?? ""),
      );
      if (source) return source.entity ? refOf(source.entity, start, end) : { ...source, start, end };
      // "The ministry has released its report, Al Jazeera reported. It said …": the body the outlet reported
      // on, named just before, not the outlet.
      const reported = lastBefore(
        index,
        start,
        (m) =>
          isOrg(refOf(m.entity, m.start, m.end)) &&
          !RELAY_KINDS.has(m.entity.kind ?? "") &&
          start - m.end < 300,
      );
      if (reported) return refOf(reported.entity, start, end);
      const speaker = lastSpeaker(ctx, start, isOrg);
      if (speaker) return speaker.entity ? refOf(speaker.entity, start, end) : { ...speaker, start, end };
      const org = lastBefore(index, start, (m) => m.entity.type === "organization");
      return org ? refOf(org.entity, start, end) : null;
    }
    if (p === "they") {
      // "… accused the Journal of lying when they reported …": a body named earlier in the same sentence.
      const org = lastBefore(
        index,
        start,
        (m) =>
          m.start >= ctx.sentence.start && (m.entity.type === "organization" || m.entity.type === "group"),
      );
      return org ? refOf(org.entity, start, end) : null;
    }
    return null;
  }

  // "Ukrainian and American sources": one described group, not two speakers. "The U.N. and Congo's
  // government": the body named first leads. "Eyewitnesses and local sources": one described group.
  const split = / and (?!American|Ukrainian|Russian|British|South|North|Western|European|Korean)/.exec(text);
  // "the Armed Conflict Location and Event Data Project": one body whose name holds "and".
  const across = split ? mentionsNear(index, start, end) : [];
  const spanning = across.find(
    (m) =>
      m.entity.type !== "place" &&
      m.start < start + (split?.index ?? 0) &&
      m.end > start + (split?.index ?? 0) + 5,
  );
  if (spanning) return refOf(spanning.entity, start, end);
  if (split && split.index > 0) {
    const left = text.slice(0, split.index).split(/\s+/).pop() ?? "";
    if (!countryOfDemonym(left)) {
      const rightStart = start + split.index + split[0].length;
      const leftEnd = start + split.index;
      const leftNamed = bestEntity(index, start, leftEnd);
      if (leftNamed && leftNamed.entity.type !== "place") return refOf(leftNamed.entity, start, leftEnd);
      const leftRef = leftNamed ? resolveNP(ctx, start, leftEnd) : null;
      if (leftRef?.entity) return leftRef;
      const right = resolveNP(ctx, rightStart, end);
      if (right?.entity) return right;
      const leftDescribed = resolveNP(ctx, start, leftEnd);
      // "security and local officials": the modifiers share one head.
      const sharedHead = !leftDescribed && /^(?:the\s+)?[\p{Ll}-]+$/u.test(text.slice(0, split.index));
      if (right && ((leftDescribed && !leftDescribed.entity) || sharedHead)) {
        const whole = text.replace(/^(?:a|an|the|some|several|many|other)\s+/i, "");
        if (whole.split(/\s+/).length <= 8)
          return { name: whole, type: "group", entity: null, start: end - whole.length, end };
      }
      if (right) return right;
    }
  }

  // "Sudan's Doctors' Union", "the UN Children's Fund": a body named with its owner is named whole.
  const owned = !guards.OWNED_GUARD.test(text)
    ? null
    : /^(?:the\s+)?((?:\p{Lu}[\p{L}.-]*(?:[’']s?)?\s+){1,5}(?:Union|Fund|Council|Committee|Network|Association|Syndicate|Federation|Agency|Programme|Program|Commission|Observatory|Office|Mission)(?:\s+in\s+\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)?)?)$/u.exec(
        text,
      );
  if (owned?.[1] && /[’']/.test(owned[1])) {
    const whole = bestEntity(index, start, end);
    const ownedStart = end - owned[1].length;
    if (whole && whole.start <= ownedStart && whole.end >= end) return refOf(whole.entity, ownedStart, end);
    const known = lookupSurface(owned[1]);
    if (known && known.type !== "place")
      return { name: known.name, type: known.type, entity: null, start: ownedStart, end };
    return { name: owned[1], type: "organization", entity: null, start: ownedStart, end };
  }
  // "Ministry spokesperson Anis Al-Asbahi": a title before a name; the person speaks.
  const titled = !guards.TITLED_GUARD.test(text)
    ? null
    : /^(?:(?:a|an|the)\s+)?(?:[\p{L}.’'-]+\s+){0,4}(?:spokes(?:man|woman|person)|minister|secretary|commander|governor|director|chief|head|official|coordinator|envoy|adviser|advisor|ambassador|president|general|colonel|lawmaker|senator)\s+(\p{Lu}[\p{L}.’'-]+(?:\s+(?:\p{Lu}[\p{L}.’'-]+|al|el|bin|ibn|van|von|de|da)){1,4})$/u.exec(
        text,
      );
  if (titled?.[1]) {
    const nameStart = end - titled[1].length;
    const person = bestEntity(index, nameStart, end);
    if (person?.entity.type === "person") return refOf(person.entity, nameStart, end);
    if (!bestEntity(index, nameStart, end))
      return { name: titled[1], type: "person", entity: null, start: nameStart, end };
  }

  const kindThenName = nameAfterKind(text);
  if (kindThenName > 0) return resolveNP(ctx, start + kindThenName, end);
  let entity = bestEntity(index, start, end);
  // "the General Staff" after "Ukraine's General Staff": a shortened name of an organisation named before.
  if (entity && entity.entity.type === "organization" && !entity.entity.key.startsWith("g:")) {
    const short = normaliseKey(entity.entity.name);
    const longer = lastBefore(
      index,
      start,
      (m) =>
        m.entity !== entity?.entity &&
        m.entity.type === "organization" &&
        normaliseKey(m.entity.name).length > short.length &&
        ` ${normaliseKey(m.entity.name)} `.includes(` ${short} `),
    );
    if (longer) return refOf(longer.entity, start, end);
  }
  // "Hamas officials", "a senior NATO military officer", "sources familiar with the operations of
  // Hezbollah": people described by the body they belong to speak as themselves, never as a fragment of
  // the phrase; "Netanyahu's office", "the Houthi rebels' health ministry" are bodies named whole.
  if (entity && entity.entity.type !== "place" && (entity.start > start || entity.end < end)) {
    const whole = text.replace(/^(?:a|an|the|some|several|two|three|four|five)\s+/i, "");
    const wholeStart = end - whole.length;
    if (MEMBER_HEAD.test(whole) && entity.end <= end - (/\S+$/.exec(whole)?.[0].length ?? 0))
      return {
        name: whole,
        type: SINGULAR_PERSON.test(whole) ? "person" : "group",
        entity: null,
        start: wholeStart,
        end,
      };
    // "Netanyahu's office", "Azerbaijan's Defense Ministry": a body named by its owner is named whole (a bare
    // "Defense Ministry" would be every country's).
    const ownedBody =
      /^\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*){0,2}[’']s\s/u.test(whole) &&
      !entity.entity.key.startsWith("g:");
    // "the Houthi health ministry", "the Taliban interior ministry": a ministry an armed group runs.
    const groupMinistry = entity.end < end && /^\p{Lu}[\p{L}-]*\s+(?:\p{Ll}+\s+)?ministry$/u.test(whole);
    if (groupMinistry || (OFFICE_HEAD.test(whole) && (entity.end < end || ownedBody)))
      return { name: whole, type: "organization", entity: null, start: wholeStart, end };
  }
  // "a senior U.S. official": a country only qualifies the speaker described.
  if (
    entity?.entity.type === "place" &&
    SOURCE_NOUNS.test(text) &&
    !/^(?:the\s+)?(?:[\p{Lu}][\p{L}.’'-]*\s*)+$/u.test(text)
  ) {
    entity = null;
  }
  // "the Sahel Rights Monitor": a place inside an unknown name does not stand for it.
  if (entity?.entity.type === "place" && (entity.start > start || entity.end < end)) {
    const named = namedOrganisation(text, start, end);
    if (named && !lookupSurface(text)) return named;
  }
  if (entity) {
    // "Governor of Kherson" after "Ivan Petrenko, …": an appositive names the person before it.
    if (entity.entity.type === "place" && /^(?:[\p{L}-]+\s+){0,3}(?:of|to)\b/u.test(text)) {
      const person = appositivePerson(ctx, start);
      if (person) return person;
    }
    if (entity.entity.type === "place") {
      // A place is a speaker only as its government ("Kyiv said", "Washington says"); "the Nabatieh
      // governorate reported 12 deaths" and "the capital of North Darfur" say nothing.
      const bare = text.replace(/^the\s+/i, "");
      const whole = normalizeName(bare) === normalizeName(body.slice(entity.start, entity.end));
      if (PLACE_HEAD.test(bare) || PLACE_TAIL.test(bare)) return null;
      if (!speaksForGovernment(entity.entity.name)) {
        if (whole) return null;
        entity = null;
      }
    }
    if (entity) return refOf(entity.entity, start, end);
  }
  const appositive = appositivePerson(ctx, start);
  if (
    appositive &&
    /^(?:[\p{L}.-]+\s+){0,4}(?:governor|minister|secretary|ambassador|spokes\w+|chief|head|director|commander|president|leader)\b/iu.test(
      text,
    )
  ) {
    return appositive;
  }

  // "the governor", "the minister": the person with that role.
  const role =
    /^(?:the\s+)?(?:[\p{L}.-]+\s+){0,3}(governor|minister|secretary|ambassador|president|spokes(?:man|woman|person)|commander|chief|leader)$/iu.exec(
      text,
    );
  if (role?.[1]) {
    const title = role[1].toLowerCase();
    const person = lastBefore(
      index,
      start,
      (m) => m.entity.type === "person" && !!m.entity.role && normaliseRole(m.entity.role).titles.has(title),
    );
    if (person) return refOf(person.entity, start, end);
  }

  // A described source: "South Korean media", "a senior U.S. official", "analysts".
  let described = text.replace(/^(?:a|an|one|the|some|several|many|two|three|other)\s+/i, "");
  // "the Houthi group", "the Hamas movement": a known group named with the kind of body it is.
  const gazetteer =
    lookupSurface(described.replace(STRIP_HEAD, "")) ??
    [lookupSurface(described.replace(/\s+(?:group|movement|militia)$/i, ""))].find(
      (e) => e && e.type !== "place" && e.kind !== "news",
    );
  if (gazetteer) return { name: gazetteer.name, type: gazetteer.type, entity: null, start, end };
  // "researchers at the Institute for Strategy and Policy": the institution they speak for.
  const at = /\s(?:at|from|with|of)\s+(?:the\s+)?(\p{Lu}[^,;]*)$/u.exec(described);
  if (
    at?.[1] &&
    SOURCE_NOUNS.test(described.slice(0, at.index)) &&
    !/^(?:ministry|office|department|directorate|council|command|government|agency)$/i.test(
      described.slice(0, at.index).split(/\s+/).pop() ?? "",
    )
  ) {
    const tailStart = end - at[1].length;
    const named = namedOrganisation(at[1], tailStart, end);
    if (named) return named;
  }
  const placed = SOURCE_NOUNS.test(described) ? null : describedHead(described);
  if (placed) return { ...placed, entity: null, start, end };
  if (!SOURCE_NOUNS.test(described)) {
    // "Nkweta-Salami said": the surname of a person named before.
    if (/^\p{Lu}[\p{L}’'-]+$/u.test(text)) {
      const person = lastBefore(
        index,
        start,
        (m) => m.entity.type === "person" && new RegExp(`(?:^|\\s)${text}$`).test(m.entity.name),
      );
      if (person) return refOf(person.entity, start, end);
    }
    return namedOrganisation(text, start, end);
  }
  const stripped = described.replace(STRIP_HEAD, "");
  if (GENERIC_ONLY.test(stripped) || GENERIC_ONLY.test(described)) return null;
  if (stripped !== described && stripped.split(/\s+/).length >= 2) described = stripped;
  if (described.split(/\s+/).length > 8) return null;
  return {
    name: described,
    type: SINGULAR_PERSON.test(described) ? "person" : "group",
    entity: null,
    start,
    end,
  };
}

export const PLACE_HEAD =
  /^(?:[\p{Ll}-]+\s+){0,2}(?:capital|city|town|village|region|province|governorate|district|state|area|camp|county|neighbou?rhood|locality|outskirts|south|north|east|west|centre|center)\s+(?:of|in)\b/u;
export const PLACE_TAIL =
  /\s(?:governorate|province|region|district|state|city|town|village|county|area|camp)$/i;

export function normaliseKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[’']s\b/g, "")
    .replace(/[^\p{L}\d ]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export const NAME_CONNECTORS = /^(?:of|for|the|and|on|in|de|du|des|sans|al|el|&)$/;
export const NOT_A_NAME =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That|These|Those|It|They|He|She|We|I)$/;

/** An unknown name in title case ("Doctors Without Borders", "Sahel Security Monitor") names an organisation. */
export function namedOrganisation(text: string, start: number, end: number): SourceRef | null {
  const words = text.split(/\s+/);
  if (words.length < 2 || words.length > 8) return null;
  const first = words[0] as string;
  const last = words[words.length - 1] as string;
  if (!/^\p{Lu}/u.test(first) || !/^[\p{Lu}\d]/u.test(last)) return null;
  for (const w of words) {
    if (NAME_CONNECTORS.test(w)) continue;
    if (!/^[\p{Lu}\d][\p{L}\d.’'&-]*$/u.test(w) || NOT_A_NAME.test(w)) return null;
  }
  return { name: text, type: "organization", entity: null, start, end };
}

export function appositivePerson(ctx: AttributionContext, start: number): SourceRef | null {
  const before = ctx.body.slice(Math.max(ctx.sentence.start, start - 4), start);
  if (!/,\s*$/.test(before)) return null;
  const person = lastBefore(ctx.index, start, (m) => m.entity.type === "person");
  if (person && start - person.end <= 4) return refOf(person.entity, person.start, person.end);
  return null;
}
