// The tests are about the generator, never about the site this repository
// happens to carry: its content/, its templates/ overrides and its
// paperboy.config.yaml are the site's, and a fork replaces all three. This scan
// fails when a test file reaches for them (through ROOT, a climb out of test/,
// or the working folder vitest runs in), so that a fork's first pull request
// cannot turn the suite red. test/project/fork.test.ts proves the same thing by
// running the suite on a fork; this check is the fast one.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listTree } from "../../scripts/util/list-tree.ts";
import { ROOT } from "../support/helpers.ts";

/** What belongs to the site, not the generator (dist/ and .cache/ are the site's build output). */
const SITE_OWNED = String.raw`(?:content|templates|paperboy\.config\.yaml|dist|\.cache)(?![\w.-])`;

/** Ways of naming the site's files or folder from a test, each with the reason it is refused. */
const RULES: { pattern: RegExp; why: string }[] = [
  { pattern: new RegExp(String.raw`\bROOT\s*,\s*["'\`]${SITE_OWNED}`, "g"), why: "joins ROOT with a file the site owns" },
  { pattern: new RegExp(String.raw`\$\{ROOT\}/${SITE_OWNED}`, "g"), why: "joins ROOT with a file the site owns" },
  { pattern: new RegExp(String.raw`["'\`](?:\.\./)+${SITE_OWNED}`, "g"), why: "climbs out of test/ to a file the site owns" },
  { pattern: new RegExp(String.raw`["']\.\.["']\s*,\s*(?:["']\.\.["']\s*,\s*)*["']${SITE_OWNED}`, "g"), why: "climbs out of test/ to a file the site owns" },
  { pattern: /\broot\s*:\s*ROOT\b/g, why: "builds the repository's own site" },
  { pattern: /\bcwd\s*:\s*ROOT\b/g, why: "runs a command in the repository's own site" },
  {
    pattern: /\b(?:build|buildSite|checkContent|loadConfig|loadPapers|serveBuilt|startDevServer|createPaper)\(\s*ROOT\b/g,
    why: "builds or reads the repository's own site",
  },
  { pattern: /\bprocess\.cwd\(\)/g, why: "uses the folder vitest runs in, which is the repository's own site" },
];

/** Uses that are the generator's business, not the site's, each with its reason. */
const ALLOWED: Record<string, string> = {
  // npm audit reads package.json and package-lock.json, the generator's dependencies.
  "test/project/audit.test.ts: runs a command in the repository's own site": "npm audit of the generator's dependencies",
  // scripts/launch.mjs keeps its compiled copies of the generator in the repository's .cache/paperboy-js, whatever site runs it.
  "test/commands/launch.test.ts: joins ROOT with a file the site owns": "the launcher's compiled copies of the generator",
  // This file names the patterns it refuses.
  "test/project/site-independence.test.ts": "the rules themselves",
};

/** Every use in `text` of the site's own files, as `line: what it does`. */
export function siteReferences(text: string): string[] {
  const found: string[] = [];
  for (const { pattern, why } of RULES) {
    for (const match of text.matchAll(pattern)) {
      const line = text.slice(0, match.index).split("\n").length;
      found.push(`${line}: ${why} (${match[0]})`);
    }
  }
  return found.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
}

describe("the tests are independent of the repository's own site", () => {
  it("no test file reads content/, templates/, paperboy.config.yaml or the site's build output", async () => {
    const files = (await listTree(path.join(ROOT, "test"))).filter((f) => /\.(ts|mts|js|mjs)$/.test(f)).map((f) => `test/${f}`);
    expect(files.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const file of [...files, "vitest.config.ts"]) {
      if (ALLOWED[file]) continue;
      for (const reference of siteReferences(await readFile(path.join(ROOT, file), "utf8"))) {
        const why = reference.slice(reference.indexOf(" ") + 1, reference.indexOf(" ("));
        if (!ALLOWED[`${file}: ${why}`]) problems.push(`${file}:${reference}`);
      }
    }
    expect(problems, "tests must build their own fixture sites (test/fixtures/, or temp folders)").toEqual([]);
  });

  it("catches each way a test could reach the site's files (the scan bites)", () => {
    const offending = [
      'await cp(path.join(ROOT, "content", "papers"), dir);',
      'const config = path.join(ROOT, "paperboy.config.yaml");',
      "const page = `${ROOT}/templates/partials/x.hbs`;",
      'const papers = new URL("../../content/papers/", import.meta.url);',
      'const up = path.resolve(here, "..", "..", "templates");',
      "const result = await build({ root: ROOT, env: {} });",
      "await run(TSX, [CLI, 'check'], { cwd: ROOT });",
      "const site = await buildSite(ROOT);",
      'const mine = readFileSync(path.join(process.cwd(), "x"));',
    ].join("\n");
    expect(siteReferences(offending).map((r) => Number.parseInt(r, 10))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // What tests may do: the generator's own folders, and sites of their own.
    const fine = [
      'const CLI = path.join(ROOT, "scripts", "cli.ts");',
      'const theme = path.join(ROOT, "scripts", "theme", "templates");',
      'await writeFiles(root, { "content/papers/2025-01-06/a.md": text, "templates/pages/tag.hbs": "" });',
      'const fixture = path.join(FIXTURES, "basic", "content");',
      "const result = await build({ root, env: {} });",
    ].join("\n");
    expect(siteReferences(fine)).toEqual([]);
  });
});
