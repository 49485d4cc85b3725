// The build end to end: the sample digest, determinism, drafts, SITE_URL, the CLI.
import { execFile } from "node:child_process";
import { cp, readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { build } from "../../scripts/commands/build.ts";
import { listTree } from "../../scripts/util/list-tree.ts";
import { buildSite, copyFixture, FIXTURES, ROOT, textOf, THEME, writeFiles } from "../support/helpers.ts";

const run = promisify(execFile);
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const CLI = path.join(ROOT, "scripts", "cli.ts");

describe("the sample digest", async () => {
  const result = await build({ root: ROOT, env: {}, write: false });

  it("builds the 16 papers of October 6, 2025 without problems", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.model!.papers).toHaveLength(16);
    expect(result.model!.days.map((d) => d.date)).toEqual(["2025-10-06"]);
  });

  it("has a page per paper at its versionless arXiv id, and the home page lists them all", async () => {
    // The arXiv ids of the seed page's papers (seed/papers.json), written out so the test cannot pass vacuously.
    const seed = ["2506.05664", "2505.16151", "2406.17415", "2106.05779", "2301.00437", "2402.06171", "2411.17864", "2410.23970", "2106.11795", "2210.16658", "2406.16300", "2202.02777", "2510.01796", "2504.00010", "2505.13898", "2506.18945"];
    const home = textOf(result, "index.html");
    const ids = result.model!.papers.map((p) => p.id);
    expect([...ids].sort()).toEqual([...seed].sort());
    for (const id of seed) expect(home).toContain(`/papers/${id}/`);
    expect(home).toContain("October 6, 2025");
  });

  it("repairs what the seed page lost: BAQ's 56× is math, not '56times'", () => {
    const baq = textOf(result, "papers/2506.05664/index.html");
    expect(baq).not.toContain("56times");
    expect(baq).toMatch(/56<\/mn><mo>×<\/mo>|56×/);
  });
});

describe("determinism", () => {
  it("gives byte-identical output for the same content, in different folders and time zones", async () => {
    const a = await copyFixture("basic");
    const b = await copyFixture("basic");
    const first = await build({ root: a, templatesDir: THEME, env: {} });
    const previousTz = process.env.TZ;
    process.env.TZ = "Pacific/Kiritimati";
    try {
      await build({ root: b, templatesDir: THEME, env: {} });
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
    await writeFiles(root, { "paperboy.config.yaml": "title: T\ndescription: D\nurl: ftp://example.org/\nlanguage: english!\nauthor:\n  name: A\nfeed:\n  items: 0\ncolour: blue\n" });
    const result = await buildSite(root);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}: ${d.field}: ${d.message}`)).toEqual([
      "paperboy.config.yaml:3: url: only http(s) links are allowed, got a ftp: URL",
      "paperboy.config.yaml:4: language: is not a language tag (expected e.g. en, en-GB, zh-Hans)",
      "paperboy.config.yaml:8: feed.items: must be at least 1",
      "paperboy.config.yaml:9: colour: \"colour\" is not a known setting",
    ]);
  });
});

describe("the command line", () => {
  it("prints every problem with file and line, exits non-zero and says dist/ was kept", async () => {
    const root = await copyFixture("basic");
    await cp(THEME, path.join(root, "templates"), { recursive: true });
    await writeFiles(root, {
      "content/papers/2025-01-06/baq.md": "---\ntitle: BAQ\nauthors: Chao Zhang\narxiv: \"2506.05664\"\n---\nA summary.\n",
      "content/papers/2025-01-06/frank.md": "---\ntitle: FRANK\nauthors:\n  - Hongchen Wei\narxiv: 2505.1615\n---\nA summary.\n",
    });
    const failure = await run(TSX, [CLI, "build"], { cwd: root, env: { ...process.env, SITE_URL: "" } }).catch((error: { code: number; stderr: string }) => error);
    expect("code" in failure && failure.code).toBe(1);
    const stderr = (failure as { stderr: string }).stderr;
    expect(stderr).toContain("content/papers/2025-01-06/baq.md:3: authors: expected a list of names, got a string");
    expect(stderr).toContain('content/papers/2025-01-06/frank.md:5: arxiv: "2505.1615" is not an arXiv id');
    expect(stderr).toContain("2 problems in 2 files. dist/ was left as it was.");
    await expect(stat(path.join(root, "dist"))).rejects.toThrow();
  });

  it("builds and reports what it wrote; a second build writes nothing", async () => {
    const root = await copyFixture("basic");
    await cp(THEME, path.join(root, "templates"), { recursive: true });
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
