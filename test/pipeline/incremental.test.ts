// Incremental builds: the compile cache, fingerprints and worker threads must
// never change what is built, only how much work building it takes.
import { cp, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build, BuildSession, type BuildOptions } from "../../scripts/commands/build.ts";
import { generateCorpus } from "../../scripts/commands/bench/corpus.ts";
import { listTree } from "../../scripts/util/list-tree.ts";
import { copyFixture, overrideTemplate, writeFiles } from "../support/helpers.ts";

/** The basic fixture, with its own footer in templates/ (the partial the template-edit tests change). */
async function site(): Promise<string> {
  const root = await copyFixture("basic");
  await overrideTemplate(root, "partials/site-footer.hbs");
  return root;
}

const run = (root: string, options: Partial<BuildOptions> = {}) => build({ root, env: {}, ...options });

async function snapshot(dir: string): Promise<Map<string, { bytes: string; mtimeMs: number }>> {
  const result = new Map<string, { bytes: string; mtimeMs: number }>();
  for (const file of await listTree(dir)) {
    result.set(file, { bytes: (await readFile(path.join(dir, file))).toString("base64"), mtimeMs: (await stat(path.join(dir, file))).mtimeMs });
  }
  return result;
}

describe("incremental builds", () => {
  it("rebuilds nothing when nothing changed", async () => {
    const root = await site();
    const first = await run(root);
    expect(first.diagnostics).toEqual([]);
    expect(first.stats).toMatchObject({ compiled: 6, fromCache: 0 });
    const before = await snapshot(path.join(root, "dist"));

    const second = await run(root);
    expect(second.stats).toMatchObject({ compiled: 0 });
    // Nothing the site is made from changed and dist/ is as it was left: nothing was even planned.
    expect(second.stats!.timings).toHaveProperty("unchanged");
    expect(second.report!.written).toEqual([]);
    expect(second.report!.skipped).toBe(second.report!.unchanged);
    expect(await snapshot(path.join(root, "dist"))).toEqual(before);
  });

  it("after an edit, recompiles one paper and writes only the files whose bytes changed", async () => {
    const root = await site();
    await run(root);
    const before = await snapshot(path.join(root, "dist"));
    await new Promise((resolve) => setTimeout(resolve, 15));
    const file = path.join(root, "content/papers/2025-01-13/web-only.md");
    await writeFile(file, (await readFile(file, "utf8")).replace("Raw HTML such as", "Edited: raw HTML such as"));

    const result = await run(root);
    expect(result.stats).toMatchObject({ compiled: 1, fromCache: 5 });
    const written = [...result.report!.written].sort();
    expect(written).toContain("papers/web-only/index.html");
    // The paper's day is the latest: its page is the home page.
    expect(written).toContain("index.html");
    expect(written).toContain("feed.xml");
    expect(written).not.toContain("papers/2501.01230/index.html");
    const after = await snapshot(path.join(root, "dist"));
    for (const [file, entry] of before) {
      if (!written.includes(file)) expect(after.get(file), file).toEqual(entry);
    }
  });

  it("gives byte-identical output whatever the cache held", async () => {
    const root = await site();
    await run(root);
    await writeFiles(root, {
      "content/papers/2025-01-13/extra.md": "---\ntitle: Extra\nauthors:\n  - A\nurl: https://example.org/extra\ntags:\n  - llm\n---\nAn added paper.\n",
    });
    await run(root);
    const incremental = await snapshot(path.join(root, "dist"));
    const clean = await site();
    await writeFiles(clean, {
      "content/papers/2025-01-13/extra.md": "---\ntitle: Extra\nauthors:\n  - A\nurl: https://example.org/extra\ntags:\n  - llm\n---\nAn added paper.\n",
    });
    await run(clean, { fresh: true });
    const fresh = await snapshot(path.join(clean, "dist"));
    expect([...incremental.keys()]).toEqual([...fresh.keys()]);
    for (const [file, entry] of fresh) expect(incremental.get(file)!.bytes, file).toBe(entry.bytes);
  });

  it("re-renders every page after a template edit, writing only what changed", async () => {
    const root = await site();
    await run(root);
    const partial = path.join(root, "templates/partials/site-footer.hbs");
    await writeFile(partial, (await readFile(partial, "utf8")).replace('<p class="colophon">', '<p class="colophon">Edited. '));
    const result = await run(root);
    // Feeds, the .bib files and the search index do not use templates, so they are the only files skipped.
    const untemplated = (await listTree(path.join(root, "dist"))).filter((f) =>
      /(^|\/)(feed\.xml|atom\.xml|feed\.json|papers\.bib)$|^assets\/search\/\d{4}-\d{2}\.json$/.test(f),
    );
    expect(untemplated.length).toBeGreaterThan(4);
    expect(result.report!.skipped).toBe(untemplated.length);
    expect(result.report!.written).toContain("index.html");
    expect(result.report!.written).not.toContain("feed.xml");
    expect(await readFile(path.join(root, "dist/index.html"), "utf8")).toContain('<p class="colophon">Edited. ');
  });

  it("rewrites a file edited by hand in dist/, though its inputs did not change", async () => {
    const root = await site();
    await run(root);
    const page = path.join(root, "dist/papers/2501.01230/index.html");
    const original = await readFile(page, "utf8");
    await writeFile(page, "tampered");
    const result = await run(root);
    expect(result.report!.written).toEqual(["papers/2501.01230/index.html"]);
    expect(await readFile(page, "utf8")).toBe(original);
  });

  it("detects a corrupt cache index and rebuilds it, with the same output", async () => {
    const root = await site();
    await run(root);
    const before = await snapshot(path.join(root, "dist"));
    await writeFile(path.join(root, ".cache/paperboy/papers.json"), '{"format": "paperboy-render-cache-2", "entr');
    // A blank line at the end changes the file, not the page: the build must read the cache, and rebuild it.
    const file = path.join(root, "content/papers/2025-01-06/zeta-functions.md");
    await writeFile(file, `${await readFile(file, "utf8")}\n`);
    const result = await run(root, { fresh: false });
    expect(result.notices).toEqual(["compile cache index is corrupt; rebuilding it"]);
    expect(result.stats).toMatchObject({ compiled: 6, fromCache: 0 });
    expect(await snapshot(path.join(root, "dist"))).toEqual(before);
  });

  it("--no-cache (fresh) compiles everything again", async () => {
    const root = await site();
    await run(root);
    const result = await run(root, { fresh: true });
    expect(result.stats).toMatchObject({ compiled: 6, fromCache: 0 });
    expect(result.report!.written).toEqual([]);
  });

  it("keeps the previous dist/ when a template fails at render time, even mid-way through an incremental build", async () => {
    const root = await site();
    await run(root);
    const before = await snapshot(path.join(root, "dist"));
    await writeFiles(root, { "templates/pages/tag.hbs": '{{#> base}}{{#*inline "main"}}{{> no-such-partial}}{{/inline}}{{/base}}' });
    const result = await run(root);
    expect(result.diagnostics.map((d) => `${d.file}: ${d.message}`)).toEqual([
      "templates/pages/tag.hbs: rendering tags/efficiency/index.html failed: The partial no-such-partial could not be found",
    ]);
    expect(await snapshot(path.join(root, "dist"))).toEqual(before);
  });
});

describe("the benchmark corpus", () => {
  it("the synthetic corpus is deterministic", () => {
    expect(generateCorpus(50)).toEqual(generateCorpus(50));
    expect(generateCorpus(50, 1)).not.toEqual(generateCorpus(50, 2));
  });
});

describe("building only what an edit touched (the dev server's rebuild, and a fresh build after an edit)", () => {
  it("writes exactly what a full build writes, and only the files that show the paper", async () => {
    const root = await site();
    const session = new BuildSession({ root, env: {}, drafts: true });
    await session.build();
    const file = "content/papers/2025-01-07/multilingual-authors.md";
    const text = await readFile(path.join(root, file), "utf8");
    // A new title, first author kept (same citation key), new summary and venue.
    await writeFile(
      path.join(root, file),
      text
        .replace("Multilingual Benchmarks: Names in Every Script", "Multilingual Benchmarks, Renamed")
        .replace("venue: NeurIPS 2024", "venue: ICLR 2025")
        .replace("Authors' names keep", "Edited: authors' names keep"),
    );
    session.invalidate({ content: [file] });
    const fast = await session.build();
    expect(fast.stats!.timings).toHaveProperty("partial");
    expect(fast.diagnostics).toEqual([]);
    const written = fast.report!.written;
    expect(written).toContain("papers/2412.00010/index.html");
    expect(written).toContain("days/2025-01-07/index.html");
    expect(written).not.toContain("papers/2501.01230/index.html");

    const clean = await site();
    await cp(path.join(root, "content"), path.join(clean, "content"), { recursive: true, force: true });
    await build({ root: clean, env: {}, drafts: true, fresh: true });
    const incremental = await snapshot(path.join(root, "dist"));
    const full = await snapshot(path.join(clean, "dist"));
    expect([...incremental.keys()]).toEqual([...full.keys()]);
    for (const [name, entry] of full) expect(incremental.get(name)!.bytes, name).toBe(entry.bytes);
  });

  it("falls back to a full build when an edit moves the paper (new tags)", async () => {
    const root = await site();
    const session = new BuildSession({ root, env: {} });
    await session.build();
    const file = "content/papers/2025-01-06/zeta-functions.md";
    await writeFile(path.join(root, file), (await readFile(path.join(root, file), "utf8")).replace("  - theory", "  - theory\n  - number-theory"));
    session.invalidate({ content: [file] });
    const result = await session.build();
    expect(result.stats!.timings).not.toHaveProperty("partial");
    expect(result.report!.written).toContain("tags/number-theory/index.html");
  });

  it("after an edit, a fresh build plans and writes only the outputs that show the paper, exactly as a full build would", async () => {
    const root = await site();
    await run(root);
    const before = await snapshot(path.join(root, "dist"));
    const file = "content/papers/2025-01-06/zeta-functions.md";
    const text = await readFile(path.join(root, file), "utf8");
    await writeFile(path.join(root, file), text.replace(/\n---\n/, "\n---\nA new opening sentence. "));
    const result = await run(root);
    expect(result.diagnostics).toEqual([]);
    expect(result.stats!.timings).toHaveProperty("partial");
    expect(result.stats).toMatchObject({ compiled: 1 });

    const clean = await site();
    await cp(path.join(root, "content"), path.join(clean, "content"), { recursive: true, force: true });
    await run(clean, { fresh: true });
    const after = await snapshot(path.join(root, "dist"));
    const full = await snapshot(path.join(clean, "dist"));
    expect([...after.keys()]).toEqual([...full.keys()]);
    for (const [name, entry] of full) expect(after.get(name)!.bytes, name).toBe(entry.bytes);
    // What was written is exactly what changed; every other file kept its bytes and its time.
    const changed = [...after]
      .filter(([name, entry]) => before.get(name)!.bytes !== entry.bytes)
      .map(([name]) => name)
      .sort();
    expect([...result.report!.written].sort()).toEqual(changed);
    for (const [name, entry] of after) if (!changed.includes(name)) expect(entry.mtimeMs, name).toBe(before.get(name)!.mtimeMs);
    // And the build after that has nothing to do.
    expect((await run(root)).stats!.timings).toHaveProperty("unchanged");
  });

  it("after a paper's title changes, writes again the .bib files of its day and of each of its tags, and no other", async () => {
    const root = await site();
    await run(root);
    const file = "content/papers/2025-01-06/zeta-functions.md";
    const text = await readFile(path.join(root, file), "utf8");
    // A change further on in the title leaves the citation key (first author, year, first word) where it was.
    await writeFile(path.join(root, file), text.replace("& Primes", "& Prime Numbers"));
    const result = await run(root);
    expect(result.diagnostics).toEqual([]);
    expect(result.stats!.timings).toHaveProperty("partial");
    const tags = /tags:\n((?: {2}- .*\n)+)/
      .exec(text)![1]!
      .trim()
      .split("\n")
      .map((line) => line.replace(/^\s*- /, ""));
    const bibs = [`days/2025-01-06/papers.bib`, ...tags.map((tag) => `tags/${tag}/papers.bib`)];
    expect(result.report!.written.filter((written) => written.endsWith(".bib")).sort()).toEqual(bibs.sort());
    for (const bib of bibs) expect(await readFile(path.join(root, "dist", bib), "utf8"), bib).toContain("Prime Numbers");
  });
});
