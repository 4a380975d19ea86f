import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const cli = resolve(import.meta.dirname, "../src/cli.ts");
// node with tsx's loader, as `npm run extract` does, without npx's own start-up.
const run = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", cli, ...args], { encoding: "utf8", timeout: 60_000 });

// Each case starts the CLI through tsx: seconds on a busy machine.
describe("extract CLI", { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "extract-cli-"));
  writeFileSync(
    join(dir, "a.txt"),
    "Border reinforced\n\nThe ministry said on Monday that about 2,000 soldiers were sent to the Sumy region.\n",
  );
  writeFileSync(
    join(dir, "b.md"),
    "Second story\nSource: Example Wire\nDate: 2024-02-10\n\nMore than 300 fighters were killed.\n",
  );
  writeFileSync(join(dir, "notes.json"), "{}");
  writeFileSync(
    join(dir, "manifest.json"),
    JSON.stringify({
      articles: [
        { file: "a.txt", outlet: "Example Post", url: null, publishedAt: "2024-03-05", precision: "day" },
      ],
    }),
  );

  it("prints one JSON object per .txt/.md file, with manifest and header metadata", () => {
    const result = run(dir, "--json");
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(out.map((o) => (o.file as string).split("/").pop())).toEqual(["a.txt", "b.md"]);
    expect(out[0]).toMatchObject({
      title: "Border reinforced",
      publishedAt: "2024-03-05",
      precision: "day",
      outlet: "Example Post",
    });
    expect(out[0]?.claims).toMatchObject([
      {
        valueLow: 2000,
        valueHigh: 2000,
        qualifier: "approximate",
        metric: "deployed",
        location: "Sumy Oblast",
        source: "ministry",
        via: [],
      },
    ]);
    expect(out[1]).toMatchObject({ publishedAt: "2024-02-10", outlet: "Example Wire" });
    expect(Array.isArray(out[0]?.entities)).toBe(true);
  });

  it("prints a readable summary without --json", () => {
    const result = run(join(dir, "a.txt"));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("~2,000 soldiers — deployed in Sumy Oblast");
  });

  it("names a bad file on stderr, exits 1 and still processes the others", () => {
    writeFileSync(join(dir, "empty.txt"), "   ");
    const result = run(join(dir, "missing.txt"), join(dir, "empty.txt"), join(dir, "a.txt"), "--json");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("missing.txt: no such file");
    expect(result.stderr).toContain("empty.txt: empty file");
    expect(JSON.parse(result.stdout)).toHaveLength(1);
  });
});
