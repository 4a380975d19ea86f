import { describe, expect, it } from "vitest";
import { cleanArticleText, extractArticle } from "../src/index.ts";

/**
 * Cleaning and extraction take time in proportion to the text: a long run of any one kind of character
 * (pasted whitespace, a wall of digits, a sentence of repeated verbs) must not make a pattern rescan the run
 * from each of its positions. Four times the run may cost about four times as long, never sixteen.
 */
const RUNS: [string, string][] = [
  ["spaces", " "],
  ["tabs", "\t"],
  ["no-break spaces", "\u00a0"],
  ["thin spaces", "\u2009"],
  ["line breaks", "\n"],
  ["CRLF line breaks", "\r\n"],
  ["letters", "a"],
  ["capitals", "A"],
  ["digits", "7"],
  ["numbers", "7 "],
  ["grouped numbers", "1,000 "],
  ["full stops", "."],
  ["commas", ","],
  ["dashes", "-"],
  ["parentheses", "("],
  ["copyright signs", "©"],
  ["quotes", '"'],
  ["colons", ":"],
  ["slashes", "/"],
  ["asterisks", "*"],
  ["angle brackets", "<"],
  ["a repeated verb", "said "],
  ["a repeated count word", "troops "],
  ["header lines", "Source: x\n"],
  ["a repeated figure", "12 soldiers were killed. "],
  ["quoted paragraphs", "The army said 12 soldiers died.\n\n“30 people were injured.”\n\n"],
  ["speakers named after", "Moscow lost 50 soldiers. This was reported by the General Staff. "],
  ["figures after quotations in one paragraph", "“We saw it,” Ali said. 12 soldiers died. "],
  ["lines under a list's intro", "Among those returned home:\n\n24 from the front;\n\n"],
  ["bracketed tolls by place", "deaths in Tatarstan (5 605), "],
  [
    "report lines under headings",
    "The monitor said:\n\nCivilian fatalities\n\n65 civilians, including 13 children.\n\n",
  ],
];
const TAILS = ["", " © 2024 Reuters", " troops on May 5, 2024."];

/**
 * CPU time of this process, the least of three: other work on a shared machine does not count. Given a
 * bound, it stops at the first attempt under it (the least of three would be under it too).
 */
function timeOf(unit: string, length: number, tail: string, bound = 0): number {
  const run = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  const text = `Border report\n\nAbout 300 soldiers were sent, officials said.${run}${tail}`;
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3 && !(best < bound); attempt++) {
    const started = process.cpuUsage();
    cleanArticleText(text);
    extractArticle(text, {});
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe("cleaning and extraction are linear in the input", () => {
  extractArticle("Warm-up\n\nAbout 10 soldiers arrived, officials said.", {});
  it.each(RUNS)(
    "a long run of %s",
    // A quadratic pattern fails every attempt; a garbage collection in the wrong place fails one.
    { timeout: 120_000, retry: 2 },
    (_name, unit) => {
      for (const tail of TAILS) {
        const short = timeOf(unit, 20_000, tail);
        // 10 ms of slack absorbs timer noise on tiny timings; a quadratic pattern costs 16× and more.
        const bound = short * 8 + 10 * 8;
        const long = timeOf(unit, 80_000, tail, bound);
        expect(long, `${JSON.stringify(tail)}: ${short.toFixed(0)} ms → ${long.toFixed(0)} ms`).toBeLessThan(
          bound,
        );
      }
    },
  );

  it("an article of thousands of figures: four times the figures cost about four times as long", {
    timeout: 120_000,
    retry: 2,
  }, () => {
    const article = (figures: number) => {
      let text = "Front report\n\n";
      for (let i = 0; i < figures; i++) {
        text += `Officials said ${100 + (i % 800)} soldiers were killed in Varno${i % 40} on Monday, the army said. `;
        if (i % 5 === 4) text += "\n\n";
      }
      return text;
    };
    const cpu = (text: string) => {
      const started = process.cpuUsage();
      extractArticle(text, {});
      const used = process.cpuUsage(started);
      return (used.user + used.system) / 1000;
    };
    const small = article(1_000);
    const large = article(4_000);
    const short = Math.min(cpu(small), cpu(small));
    const long = cpu(large);
    expect(long, `${short.toFixed(0)} ms → ${long.toFixed(0)} ms`).toBeLessThan(short * 8 + 200);
  });
});
