// The build end to end: a digest of realistic shape, determinism, drafts,
// SITE_URL, the CLI. Every site here is a fixture: the repository's own
// content/ belongs to the site, and a fork replaces it.
import { execFile } from "node:child_process";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { build } from "../../scripts/commands/build.ts";
import { listTree } from "../../scripts/util/list-tree.ts";
import { buildSite, copyFixture, FIXTURES, ROOT, textOf, writeFiles } from "../support/helpers.ts";

const run = promisify(execFile);
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const CLI = path.join(ROOT, "scripts", "cli.ts");
const DIGEST = path.join(FIXTURES, "digest");

describe("a digest of realistic shape (the digest fixture)", async () => {
  const result = await buildSite(DIGEST);
  const sources = (await listTree(path.join(DIGEST, "content", "papers"))).filter((f) => f.endsWith(".md"));
  const days = [...new Set(sources.map((f) => f.split("/")[0]!))].sort().reverse();

  it("builds every paper of every day without problems, newest day first", () => {
    expect(result.diagnostics).toEqual([]);
    expect(sources.length).toBeGreaterThan(10);
    expect(result.model!.papers).toHaveLength(sources.length);
    expect(result.model!.days.map((d) => d.date)).toEqual(days);
  });

  it("has a page per paper at its versionless arXiv id (or its slug), and the home page lists the latest day's papers", () => {
    const home = textOf(result, "index.html");
    const latest = result.model!.days[0]!;
    expect(home).toContain("December 1, 2025");
    for (const paper of result.model!.papers) {
      expect(paper.id).toBe(paper.arxiv ? paper.arxiv.id.replace(/v\d+$/, "") : paper.slug);
      expect(
        result.files!.some((f) => f.path === `papers/${paper.id}/index.html`),
        paper.id,
      ).toBe(true);
    }
    for (const paper of latest.papers) expect(home).toContain(`/papers/${paper.id}/`);
    expect(textOf(result, "papers/1706.03762/index.html")).toContain("Attention Is All You Need");
    expect(result.files!.some((f) => f.path === "papers/dropout/index.html")).toBe(true);
  });

  it("renders inline math such as $16 \\times 16$ as MathML, never as the word 'times'", () => {
    const vit = textOf(result, "papers/2010.11929/index.html");
    expect(vit).not.toMatch(/16\s*times/);
    expect(vit).toMatch(/<mn>16<\/mn><mo>×<\/mo><mn>16<\/mn>/);
  });
});

describe("determinism", () => {
  it("gives byte-identical output for the same content, in different folders and time zones", async () => {
    const a = await copyFixture("basic");
    const b = await copyFixture("basic");
    const first = await build({ root: a, env: {} });
    const previousTz = process.env.TZ;
    process.env.TZ = "Pacific/Kiritimati";
    try {
      await build({ root: b, env: {} });
    } finally {
      process.env.TZ = previousTz;
    }
    expect(first.diagnostics).toEqual([]);
    const files = await listTree(path.join(a, "dist"));
    expect(await listTree(path.join(b, "dist"))).toEqual(files);
    for (const file of files) {
      expect((await readFile(path.join(b, "dist", file))).equals(await readFile(path.join(a, "dist", file))), file).toBe(true);
    }
  });
});

describe("drafts and configuration", () => {
  it("leaves drafts out of the production build and puts them in with drafts: true", async () => {
    const site = path.join(FIXTURES, "basic");
    const production = await buildSite(site);
    expect(production.files!.some((f) => f.path === "papers/2501.09999/index.html")).toBe(false);
    const preview = await buildSite(site, { drafts: true });
    expect(preview.files!.some((f) => f.path === "papers/2501.09999/index.html")).toBe(true);
  });

  it("takes the site URL from SITE_URL when set, base path included", async () => {
    const result = await buildSite(path.join(FIXTURES, "basic"), { env: { SITE_URL: "https://someone.github.io/their-fork" } });
    const page = textOf(result, "index.html");
    expect(page).toContain('<link rel="canonical" href="https://someone.github.io/their-fork/">');
    expect(page).toContain('href="/their-fork/assets/style.css"');
    expect(textOf(result, "feed.xml")).toContain("<link>https://someone.github.io/their-fork/papers/web-only/</link>");
  });

  it("writes CNAME when the configuration names a custom domain", async () => {
    const result = await buildSite(path.join(FIXTURES, "basic"));
    expect(textOf(result, "CNAME")).toBe("papers.example.org\n");
    expect(textOf(result, ".nojekyll")).toBe("");
    expect(textOf(result, "robots.txt")).toContain("Sitemap: https://example.org/digest/sitemap.xml");
  });

  it("reports a bad configuration with its line", async () => {
    const root = await copyFixture("basic");
    await writeFiles(root, {
      "paperboy.config.yaml": "title: T\ndescription: D\nurl: ftp://example.org/\nlanguage: english!\nauthor:\n  name: A\nfeed:\n  items: 0\ncolour: blue\n",
    });
    const result = await buildSite(root);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}: ${d.field}: ${d.message}`)).toEqual([
      "paperboy.config.yaml:3: url: only http(s) links are allowed, got a ftp: URL",
      "paperboy.config.yaml:4: language: is not a language tag (expected e.g. en, en-GB, zh-Hans)",
      "paperboy.config.yaml:8: feed.items: must be at least 1",
      'paperboy.config.yaml:9: colour: "colour" is not a known setting',
    ]);
  });
});

describe("the command line", () => {
  it("prints every problem with file and line, exits non-zero and says dist/ was kept", async () => {
    const root = await copyFixture("basic");
    await writeFiles(root, {
      "content/papers/2025-01-06/bit-allocation.md": '---\ntitle: Bit Allocation\nauthors: Ada Lovelace\narxiv: "2501.07777"\n---\nA summary.\n',
      "content/papers/2025-01-06/reasoning.md": "---\ntitle: Reasoning\nauthors:\n  - Alan Turing\narxiv: 2501.0777\n---\nA summary.\n",
    });
    const failure = await run(TSX, [CLI, "build"], { cwd: root, env: { ...process.env, SITE_URL: "" } }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect("code" in failure && failure.code).toBe(1);
    const stderr = (failure as { stderr: string }).stderr;
    expect(stderr).toContain("content/papers/2025-01-06/bit-allocation.md:3: authors: expected a list of names, got a string");
    expect(stderr).toContain('content/papers/2025-01-06/reasoning.md:5: arxiv: "2501.0777" is not an arXiv id');
    expect(stderr).toContain("2 problems in 2 files. dist/ was left as it was.");
    await expect(stat(path.join(root, "dist"))).rejects.toThrow();
  });

  it("builds and reports what it wrote; a second build writes nothing", async () => {
    const root = await copyFixture("basic");
    const env = { ...process.env, SITE_URL: "" };
    const first = await run(TSX, [CLI, "build"], { cwd: root, env });
    expect(first.stdout).toMatch(/^Built 5 papers on 3 days: \d+ files written, 0 unchanged, 0 removed/);
    const second = await run(TSX, [CLI, "build"], { cwd: root, env });
    expect(second.stdout).toMatch(/^Built 5 papers on 3 days: 0 files written, \d+ unchanged, 0 removed/);
    expect((await readdir(path.join(root, "dist"))).sort()).toContain("index.html");
  });

  it("check validates without building", async () => {
    const fixture = await copyFixture("basic");
    const { stdout } = await run(TSX, [CLI, "check"], { cwd: fixture });
    expect(stdout).toContain("All 6 papers are valid.");
    await expect(stat(path.join(fixture, "dist"))).rejects.toThrow();
  });
});
