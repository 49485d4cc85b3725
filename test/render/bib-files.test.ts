// The days' and tags' .bib files: every entry of the day's papers or the tag's first page, in
// listing order, under the keys their pages give them, linked from the page
// under the base path, and read back whole by a real BibTeX parser.
import { parse } from "@retorquere/bibtex-parser";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite, copyFixture, FIXTURES, textOf } from "../support/helpers.ts";

const fixture = () => buildSite(path.join(FIXTURES, "basic"));

/** The citation key a paper page's Cite block gives. */
const pageKey = (html: string) => /<pre id="bibtex"[^>]*><code>@misc\{([^,]+),/.exec(html)![1]!;

describe("the .bib files", () => {
  it("hold each day's and each tag's entries in listing order, with the paper pages' keys, every one parsed", async () => {
    const result = await fixture();
    expect(result.diagnostics).toEqual([]);
    const { model } = result;
    const lists = [
      ...model!.days.map((day) => ({ file: `days/${day.date}/papers.bib`, papers: day.papers })),
      // A tag's file holds the papers of its first page, the newest page_size.
      ...model!.tags.map((tag) => ({ file: `tags/${tag.name}/papers.bib`, papers: tag.papers.slice(0, model!.config.pageSize) })),
    ];
    expect(lists.length).toBeGreaterThan(5);
    for (const { file, papers } of lists) {
      const text = textOf(result, file);
      const parsed = parse(text, { english: false, sentenceCase: false });
      expect(parsed.errors, file).toEqual([]);
      const keys = parsed.entries.map((entry) => entry.key);
      expect(keys, file).toEqual(papers.map((paper) => pageKey(textOf(result, `papers/${paper.id}/index.html`))));
      expect(new Set(keys).size, file).toBe(keys.length);
      // Each entry exactly as its page shows it.
      for (const paper of papers) {
        const shown = /<pre id="bibtex"[^>]*><code>([\s\S]*?)<\/code><\/pre>/.exec(textOf(result, `papers/${paper.id}/index.html`))![1]!;
        expect(text, file).toContain(shown.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))));
      }
      expect(text.endsWith("}\n"), file).toBe(true);
    }
  });

  it("are linked from their day's and tag's pages under the base path", async () => {
    const result = await fixture();
    const { model } = result;
    const older = model!.days[1]!;
    expect(textOf(result, `days/${older.date}/index.html`)).toContain(`<a href="/digest/days/${older.date}/papers.bib" download="${older.date}.bib">`);
    // The latest day is the home page, which links to its day's file.
    expect(textOf(result, "index.html")).toContain(`<a href="/digest/days/${model!.days[0]!.date}/papers.bib"`);
    const tag = model!.tags[0]!;
    expect(textOf(result, `tags/${tag.name}/index.html`)).toContain(`<a href="/digest/tags/${tag.name}/papers.bib" download="${tag.name}.bib">`);
  });

  it("stop a tag's file at its first page, so that it does not grow with the digest", async () => {
    const root = await copyFixture("basic");
    const config = path.join(root, "paperboy.config.yaml");
    await writeFile(config, (await readFile(config, "utf8")).replace("page_size: 2", "page_size: 1"));
    const result = await buildSite(root);
    const tag = result.model!.tags.find((t) => t.papers.length > 1)!;
    const keys = parse(textOf(result, `tags/${tag.name}/papers.bib`), { english: false, sentenceCase: false }).entries.map((entry) => entry.key);
    expect(keys).toEqual([pageKey(textOf(result, `papers/${tag.papers[0]!.id}/index.html`))]);
    expect(textOf(result, `tags/${tag.name}/index.html`)).toContain("BibTeX of the newest 1 paper</a>");
  });

  it("are the same bytes in every build", async () => {
    const [a, b] = [await fixture(), await fixture()];
    const bibs = (r: typeof a) => r.files!.filter((f) => f.path.endsWith(".bib")).map((f) => [f.path, f.contents]);
    expect(bibs(a)).toEqual(bibs(b));
  });
});
