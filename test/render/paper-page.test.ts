// What a paper page shows besides its summary: who submitted it, and every
// link it has, the arXiv ones as the configuration chooses them.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../../scripts/commands/build.ts";
import { buildSite, paperFile, siteWith, textOf } from "../support/helpers.ts";

const PAPER = "content/papers/2025-10-06/baq.md";
const LINKS = "links:\n  code: https://github.com/o/r\n  model: https://huggingface.co/o/m\n  dataset: https://huggingface.co/datasets/o/d";

/** The links of a page's link row, as `label url`. */
function linkRow(html: string): string[] {
  const row = /<ul class="paper-links"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
  return [...row.matchAll(/<a [^>]*href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => `${m[2]} ${m[1]}`);
}

describe("a paper page", () => {
  it("credits its submitter, linked to their GitHub profile, and shows model and dataset links", async () => {
    const root = await siteWith({ [PAPER]: paperFile({ arxiv: 'arxiv: "2510.04567"', links: LINKS, submitted_by: "submitted_by: octo-cat" }) });
    const result = await buildSite(root);
    expect(result.diagnostics).toEqual([]);
    const html = textOf(result, "papers/2510.04567/index.html");
    expect(html).toContain('<dt>Submitted by</dt>\n      <dd><a href="https://github.com/octo-cat">@octo-cat</a></dd>');
    expect(linkRow(html)).toEqual([
      "arXiv https://arxiv.org/abs/2510.04567",
      "PDF https://arxiv.org/pdf/2510.04567",
      "Hugging Face https://huggingface.co/papers/2510.04567",
      "alphaXiv https://www.alphaxiv.org/abs/2510.04567",
      "Semantic Scholar https://www.semanticscholar.org/arxiv/2510.04567",
      "Code https://github.com/o/r",
      "Model https://huggingface.co/o/m",
      "Dataset https://huggingface.co/datasets/o/d",
    ]);
    // Feed items carry the same links.
    expect(textOf(result, "feed.xml")).toContain("https://huggingface.co/datasets/o/d");
  });

  it("says nothing of a submitter when the file names none", async () => {
    const result = await buildSite(await siteWith({ [PAPER]: paperFile({}) }));
    expect(textOf(result, "papers/2501.00001/index.html")).not.toContain("Submitted by");
  });

  it("follows arxiv_links, and a rebuild after it changes rewrites the paper pages", async () => {
    const root = await siteWith({ [PAPER]: paperFile({ links: LINKS }) });
    const page = () => readFile(path.join(root, "dist", "papers", "2501.00001", "index.html"), "utf8");
    expect((await build({ root, env: {}, write: true })).diagnostics).toEqual([]);
    expect(linkRow(await page())).toHaveLength(8);
    const config = path.join(root, "paperboy.config.yaml");
    await writeFile(config, `${await readFile(config, "utf8")}arxiv_links: [semantic-scholar, arxiv]\n`);
    expect((await build({ root, env: {}, write: true })).diagnostics).toEqual([]);
    expect(linkRow(await page())).toEqual([
      "Semantic Scholar https://www.semanticscholar.org/arxiv/2501.00001",
      "arXiv https://arxiv.org/abs/2501.00001",
      "Code https://github.com/o/r",
      "Model https://huggingface.co/o/m",
      "Dataset https://huggingface.co/datasets/o/d",
    ]);
  });
});
