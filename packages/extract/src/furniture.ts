import { lookupSurface } from "./gazetteer.ts";

/**
 * Removes page furniture (promotions, widgets, captions, credits, copyright lines) and splits off the
 * headline and the optional `Source:` / `Date:` header lines. The outlet is recognised from a copyright
 * line when the caller gives none.
 */

export interface CleanedArticle {
  title: string;
  body: string;
  headers: { source?: string; date?: string };
  outlet: string | null;
}

/** Also the names credited in removed captions ("Photo by AP"), kept as entities without mentions. */
export interface CleanedArticleWithCredits extends CleanedArticle {
  credits: { name: string; written: string }[];
}

const FURNITURE_LINE: RegExp[] = [
  /^(?:all|top|more|latest|related|trending|popular|recommended)\s+(?:headlines|stories|news|articles|videos|posts)\b.{0,20}$/i,
  /^advertisement$/i,
  /^(?:sponsored|promoted)(?:\s+content)?$/i,
  /^(?:share|tweet|email|print|copy link|save)(?:\s*(?:this|on|via|article|story|to)\b.*)?$/i,
  /^(?:share on|follow us on|like us on)\b/i,
  /^(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|e-?mail)(?:\s*[|·•,/]\s*(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|e-?mail|print|copy link))*$/i,
  /^(?:subscribe|sign up|log in|login|register|newsletter)\b.{0,60}$/i,
  /^(?:win|get|claim)\s+\$?\d[\d,]*\b.{0,30}(?:register|subscribe|sign up|now|today|free)\b.{0,10}$/i,
  /^(?:read more|read also|see also|also read|related|recommended|watch|listen)\s*[:|-].*$/i,
  /^click here\b/i,
  /^(?:photo|image|picture|video|graphic|illustration)(?:\s+(?:credit|by|courtesy))?\s*[:|-]/i,
  /^(?:\(?(?:photo|image|picture)s?\s*[:=]|photo by|image by|credit:)/i,
  /^(?:©|\(c\)|copyright\b)/i,
  /\ball rights reserved\.?$/i,
  /^(?:reporting by|editing by|writing by|additional reporting by)\b/i,
  /^(?:comments?|\d+\s+comments?|leave a comment|cookie|accept cookies|we use cookies)\b.{0,80}$/i,
  /^(?:updated|published|posted)\s*:?\s*\d.{0,40}$/i,
  /^(?:tags?|topics?|categories?)\s*:.{0,120}$/i,
];

// A caption ends with its credit: "… Photo by AFP Kyodo", "(AFP Photo/A. Name)", "/ Getty Images".
const CAPTION_CREDIT =
  /(?:\bphoto(?:graph)?\s+(?:by|courtesy of|credit)\b[^.]{0,60}|\((?:[\p{L}.&-]+\s+){0,2}(?:photo|image|picture)s?\b[^)]{0,60}\)|\/\s*(?:getty images|afp|ap|reuters|epa)[^.]{0,30}|\bgetty images)\s*$/iu;

export function cleanArticleText(text: string): CleanedArticle {
  const { credits: _credits, ...cleaned } = cleanArticle(text);
  return cleaned;
}

export function cleanArticle(text: string): CleanedArticleWithCredits {
  const credits: { name: string; written: string }[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const headers: { source?: string; date?: string } = {};
  let outlet: string | null = null;
  const kept: string[] = [];
  let textKept = false;
  for (const raw of lines) {
    // The patterns below read a line with its runs of whitespace as single spaces: a run of thousands of
    // spaces would otherwise be rescanned from each of its positions (quadratic). The kept text is as written.
    let trimmed = raw.trim();
    // "date 2025-08-04 At least 14 …": a page's dateline printed before its first paragraph.
    const dated = /^(?:date|published|updated)\s*:?\s*(\d{4}-\d{2}-\d{2})\s+(?=\S)/i.exec(trimmed);
    if (dated?.[1] && !textKept) {
      headers.date ??= dated[1];
      trimmed = trimmed.slice(dated[0].length);
    }
    // Rebuilding a whole paragraph to collapse spaces is wasted on one whose spaces are already single.
    const line = /\s\s|[^\S ]/.test(trimmed) ? trimmed.replace(/\s+/g, " ") : trimmed;
    const header = /^(source|date)\s*:\s*(.+)$/i.exec(line);
    if (header?.[1] && header[2] && kept.filter((l) => l.trim()).length <= 4 && header[2].length < 120) {
      if (header[1].toLowerCase() === "source") headers.source = header[2].trim();
      else headers.date = header[2].trim();
      continue;
    }
    if (!line) {
      kept.push("");
      continue;
    }
    const copyright = copyrightOutlet(line);
    if (copyright) outlet ??= copyright;
    if (isFurniture(line)) {
      credits.push(...creditedNames(line));
      continue;
    }
    kept.push(stripMarkdown(dated ? trimmed : raw.trimEnd()));
    textKept = true;
  }

  // The headline is the first line, unless the first line is already prose (several sentences, long).
  let title = "";
  const firstIndex = kept.findIndex((l) => l.trim());
  if (firstIndex >= 0) {
    const first = (kept[firstIndex] as string).trim();
    if (!looksLikeProse(first)) {
      // "… - UK intelligence. INFOGRAPHICS", "… (VIDEO)": a tag for the page's media is not the headline's.
      title = first.replace(
        /(?:[.:|]\s*|\s+[([])(?:INFOGRAPHICS?|VIDEO|PHOTOS?|LIVE|MAP|GRAPHIC)[)\]]?\s*$/u,
        "",
      );
      kept.splice(firstIndex, 1);
    }
  }
  // Pages often print the headline again (another case, an HTML entity left in) above the text.
  if (title) {
    const same = headlineKey(title);
    let seen = 0;
    for (let i = 0; i < kept.length && seen < 4; i++) {
      const line = (kept[i] as string).trim();
      if (!line) continue;
      seen++;
      // A copy is about as long as the headline (at most 220 characters): longer lines are not compared.
      if (Math.abs(line.length - title.length) <= 40 && headlineKey(line) === same) {
        kept.splice(i, 1);
        i--;
      }
    }
  }
  // Header lines may follow the headline.
  const body = kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { title, body, headers, outlet, credits };
}

/** A headline compared without case, quote style, entities or closing punctuation. */
function headlineKey(line: string): string {
  return line
    .replace(/&#(\d{1,5});/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&#x([\da-f]{1,4});/gi, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)))
    .replace(/&amp;/g, "&")
    .replace(/&(?:quot|apos|rsquo|lsquo|rdquo|ldquo);/g, "'")
    .replace(/[‘’“”"`]/g, "'")
    .replace(/\s+/g, " ")
    .replace(/ ?[.!?:]{0,3} ?$/, "")
    .toLowerCase();
}

/** Gazetteer names in a caption's credit: "Photo by AFP Kyodo" → Agence France-Presse, Kyodo News. */
function creditedNames(line: string): { name: string; written: string }[] {
  const credit = /(?:photo(?:graph)?\s+(?:by|courtesy of|credit:?)|credit:|\/)\s*([^.()]{2,80})$/i.exec(
    line,
  )?.[1];
  const tail = credit ?? /[.!?]["”’]?\s+([A-Z][\w.&'’ -]{1,40})$/.exec(line)?.[1];
  if (!tail) return [];
  const words = tail.trim().split(/\s+/);
  const names: { name: string; written: string }[] = [];
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(5, words.length - i); n >= 1 && !matched; n--) {
      const written = words.slice(i, i + n).join(" ");
      const entry = lookupSurface(written);
      if (entry && entry.type === "organization") {
        names.push({ name: entry.name, written });
        matched = n;
      }
    }
    i += matched || 1;
  }
  return names;
}

/** Markdown headings and emphasis are layout, not text: "# Title", "**KYIV** —". */
function stripMarkdown(line: string): string {
  return line
    .replace(/^\s{0,3}#{1,6}\s+/, "")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/__([^_]+)__/g, "$1")
    .replace(/^\s*>\s?/, "");
}

function looksLikeProse(line: string): boolean {
  if (line.length > 220) return true;
  // A headline is short and rarely closes with a full stop; a lead sentence is long and does.
  if (line.length > 150 && /[a-z\d)’'"”]\.["”’]?$/.test(line)) return true;
  const sentences = line.split(/[.!?]["”’]?\s+(?=[A-Z“"])/).length;
  return sentences >= 2 && /[.!?]["”’]?$/.test(line) && line.length > 120;
}

export function isFurniture(line: string): boolean {
  if (FURNITURE_LINE.some((re) => re.test(line))) return true;
  // The credit stands in a caption's last words: reading only the tail keeps a long paragraph from being
  // scanned from each of its positions.
  const tail = line.length > 240 ? line.slice(line.indexOf(" ", line.length - 240) + 1) : line;
  if (/photo|getty|[(/]/i.test(tail) && CAPTION_CREDIT.test(tail)) return true;
  // A caption that ends with the bare name of a news agency as its credit: "… floated on the river. Yonhap"
  const credit = /[.!?]["”’]?\s+([A-Z][\w.&'’ -]{1,40})$/.exec(line);
  if (credit?.[1]) {
    const entry = lookupSurface(credit[1].trim());
    if (entry?.kind === "news" || /\b(?:News Agency|Images|Photo|Press)$/.test(credit[1])) return true;
  }
  return false;
}

/** "© The Asia Business Daily(www.example.com). All rights reserved." → "The Asia Business Daily". */
export function copyrightOutlet(line: string): string | null {
  const m =
    /^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+)?([^()|.©]+?)(?:\s*\(|\s*[.|,]|\s+all rights reserved|$)/i.exec(
      line,
    );
  if (!m?.[1]) {
    // Most lines have no mark at all: the lazy scan below would try every prefix of them.
    if (!line.includes("©") && !line.includes("(c)")) return null;
    const trailing = /^(.+?)\s*(?:©|\(c\))\s*\d{4}/.exec(line);
    return trailing?.[1]?.trim() || null;
  }
  const name = m[1].replace(/\s+\d{4}$/, "").trim();
  return name.length >= 2 && name.length <= 80 ? name : null;
}
