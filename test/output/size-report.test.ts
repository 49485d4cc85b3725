// What the site weighs, against GitHub Pages' 1 GB: the build warns from 80%,
// naming what takes the space, and `--check-size` (the deploy workflow's) fails
// past the limit. And the budget: what one paper adds to the site.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { writeCorpus } from "../../scripts/commands/bench/corpus.ts";
import { build } from "../../scripts/commands/build.ts";
import { kindOf, sizeWarning, type SizeReport } from "../../scripts/output/size-report.ts";
import { copyFixture, ROOT, tempDir } from "../support/helpers.ts";

const CLI = path.join(ROOT, "scripts", "cli.ts");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

function cli(root: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return promisify(execFile)(process.execPath, [TSX, CLI, ...args], { cwd: root, env: { ...process.env, SITE_URL: "", CI: "true", ...env } }).then(
    (r) => ({ ...r, code: 0 }),
    (error: { stdout: string; stderr: string; code: number }) => error,
  );
}

describe("the size report", () => {
  it("names each kind of output", () => {
    expect(
      [
        "papers/2501.01230/index.html",
        "days/2025-01-06/index.html",
        "tags/llm/index.html",
        "tags/llm/feed.xml",
        "feed.xml",
        "feed.json",
        "sitemap.xml",
        "assets/search/2025-01.json",
        "assets/style.css",
        "newsletter/2025-W02.html",
        "days/2025-01-06/papers.bib",
        "tags/llm/papers.bib",
        "index.html",
      ].map(kindOf),
    ).toEqual([
      "paper pages",
      "day pages",
      "tag pages",
      "tag feeds",
      "site feeds",
      "site feeds",
      "sitemap",
      "search index",
      "assets",
      "e-mail digests",
      "bibliographies",
      "bibliographies",
      "other pages",
    ]);
  });

  it("stays quiet under 80% of the limit, and names the largest kinds above it", () => {
    const report = (bytes: number): SizeReport => ({
      bytes,
      files: 10,
      byKind: [
        ["paper pages", bytes * 0.7],
        ["tag pages", bytes * 0.2],
        ["assets", bytes * 0.1],
      ],
    });
    expect(sizeWarning(report(799_000_000))).toBeUndefined();
    expect(sizeWarning(report(850_000_000))).toBe(
      "the site is 850.0 MB in 10 files, 85% of 1.00 GB, near what GitHub Pages publishes (the largest: paper pages 595.0 MB, tag pages 170.0 MB, assets 85.0 MB); docs/performance.md says what to do",
    );
    expect(sizeWarning(report(1_200_000_000))).toContain("120% of 1.00 GB, more than GitHub Pages publishes");
  });

  it("is printed by the build near the limit, and fails --check-size past it", async () => {
    const root = await copyFixture("basic");
    const quiet = await cli(root, ["build"]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toContain("warning");
    // A limit a little above the fixture's weight warns; one below it fails the deploy's check.
    const { size } = await build({ root, env: {}, write: true });
    const near = await cli(root, ["build"], { PAPERBOY_SIZE_LIMIT: String(Math.ceil(size!.bytes / 0.9)) });
    expect(near.code).toBe(0);
    expect(near.stderr).toMatch(
      /^warning: the site is [\d.]+ (KB|MB) in \d+ files, 90% of [\d.]+ (KB|MB), near what GitHub Pages publishes \(the largest: assets/m,
    );
    const over = await cli(root, ["build", "--check-size"], { PAPERBOY_SIZE_LIMIT: String(Math.floor(size!.bytes / 2)) });
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/^dist\/ is too large to publish: the site is .* more than GitHub Pages publishes/m);
  });
});

describe("the weight of a paper", () => {
  // What one paper adds, on the benchmark's corpus (150–300-word summaries with math, 3–12 authors, 2–4 tags):
  // its page, its lines in listings, its search entry and its sitemap line. Feeds, digests and assets are the
  // same size for any digest, so they are left out here; docs/performance.md has the figures at 10,000 papers.
  it("stays within its budget", async () => {
    const root = await tempDir();
    await writeCorpus(root, 600);
    const { size, counts } = await build({ root, env: {}, write: true, threads: 2 });
    const fixed = new Set(["assets", "tag feeds", "site feeds", "e-mail digests"]);
    const growing = size!.byKind.filter(([kind]) => !fixed.has(kind)).reduce((sum, [, bytes]) => sum + bytes, 0);
    const perPaper = growing / counts!.papers;
    console.log(
      `bytes per paper (600 papers, growing kinds): ${Math.round(perPaper)}; ${size!.byKind.map(([k, b]) => `${k} ${Math.round(b / counts!.papers)}`).join(", ")}`,
    );
    expect(perPaper).toBeLessThan(BUDGET_PER_PAPER);
  }, 120_000);
});

/**
 * Bytes per paper of a 600-paper digest, as measured (docs/performance.md), with a little to spare. Raised
 * from 13,500 when the days' and tags' .bib files came (about 1,500 bytes per paper here). At 600 papers no
 * tag fills its first page, where its .bib file stops, so this counts them whole; at 10,000 they weigh a
 * fraction of that, and the benchmark's bytes per paper (npm run bench) is the figure for a grown digest.
 */
const BUDGET_PER_PAPER = 15_200;
