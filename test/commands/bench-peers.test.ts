// The peer sites of `npm run bench -- --compare` build the pages Paperboy
// builds from the same corpus: each paper, each day, each tag (paginated), the
// latest day as home, and the feeds, in Paperboy's order and with the same
// Markdown features. A small synthetic corpus and a tag page size of 3 keep the
// builds short while still giving tags a second page.
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, expect, it } from "vitest";
import { loadContent } from "../../scripts/content/load.ts";
import { writeCorpus } from "../../scripts/commands/bench/corpus.ts";
import { eleventy, hugo, type PeerSite } from "../../scripts/commands/bench/peers.ts";
import { loadConfig } from "../../scripts/content/config.ts";
import { buildSiteModel, type SiteModel } from "../../scripts/site/model.ts";
import type { Paper } from "../../scripts/types.ts";
import { listTree } from "../../scripts/util/list-tree.ts";
import { tempDir } from "../support/helpers.ts";
import { describeNeeding } from "../support/needs.ts";
import { HUGO, type Requirement } from "../support/requirements.ts";

const PAGE_SIZE = 3;
const BASE = "/digest/";
const URL = "https://bench.example.org/digest/";

// One hand-written paper on top of the synthetic ones: the GitHub-flavoured
// features and the raw HTML the corpus never uses, and the two fields Hugo
// reserves for itself (url, published).
const FEATURES = `---
title: "Markdown features"
authors:
  - Ada Lovelace
url: https://example.org/features
published: 2099-01-01
tags:
  - llm
---
| a | b |
|---|---|
| 1 | 2 |

~~struck~~ and a bare https://example.org/bare link.

<script>alert(1)</script>
`;

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name) => ["item", "entry", "url", "category", "dc:creator"].includes(name),
});

let corpus: string;
let model: SiteModel;
/** A paper whose summary has math. */
let withMath: Paper;

beforeAll(async () => {
  corpus = await tempDir("paperboy-peers-corpus-", "file");
  await writeCorpus(corpus, 40);
  await writeFile(path.join(corpus, "content/papers/2025-10-06/aaa-markdown-features.md"), FEATURES);
  // What Paperboy itself makes of the corpus is the reference.
  const { config } = await loadConfig(corpus, {});
  const content = await loadContent(corpus, { threads: 1 });
  expect(content.diagnostics).toEqual([]);
  model = buildSiteModel(config!, content.papers);
  const bodies = await content.bodies.load(content.papers);
  withMath = model.papers.find((p) => bodies.get(p)!.html.includes('class="katex"'))!;
}, 120_000);

/** Runs the peer's cold build as the benchmark does; rejects with its output when it fails. */
function runBuild(peer: PeerSite, workDir: string): Promise<void> {
  const { cmd, args, cwd, env } = peer.command(workDir);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${peer.name} build failed (exit ${code}):\n${output}`))));
  });
}

/** Checks that `needles` occur in `text` in this order. */
function expectInOrder(text: string, needles: string[]) {
  const positions = needles.map((n) => text.indexOf(n));
  expect(
    positions.filter((p) => p < 0),
    `missing: ${needles.filter((_, i) => positions[i]! < 0).join(", ")}`,
  ).toEqual([]);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

function describePeer(peer: PeerSite, requirements: Requirement[], math: "katex" | "text") {
  describeNeeding(requirements, `${peer.name} peer site`, () => {
    let out: string;
    let files: string[];
    const read = (file: string) => readFile(path.join(out, file), "utf8");

    beforeAll(async () => {
      const work = await tempDir(`paperboy-peers-${peer.name.toLowerCase()}-`, "file");
      await peer.prepare(corpus, work, { tagPageSize: PAGE_SIZE });
      await peer.clean(work);
      await runBuild(peer, work);
      out = peer.outputDir(work);
      files = await listTree(out);
    }, 240_000);

    it("writes one page per paper, at Paperboy's address, with its facts, links and rendered summary", async () => {
      for (const paper of model.papers) expect(files).toContain(`papers/${paper.id}/index.html`);
      const paper = model.papers.find((p) => p.arxiv && p.links.code)!;
      const html = await read(`papers/${paper.id}/index.html`);
      expect(html).toContain(`<h1 class="paper-title">${escape(paper.title)}</h1>`);
      expect(html).toContain(`<bdi>${paper.authors[0]}</bdi>`);
      expect(html).toContain(`href="${BASE}days/${paper.day}/"`);
      for (const tag of paper.tags) expect(html).toContain(`href="${BASE}tags/${tag}/"`);
      expect(html).toContain(`href="https://arxiv.org/abs/${paper.arxiv!.id}"`);
      expect(html).toContain(`href="${paper.links.code}"`);
      expect(html).toMatch(/<p>Code and data: <a href="https:\/\/github\.com\/bench-org\/repo-\d+">repository<\/a>\.<\/p>/);
      expect(html).toMatch(/<(em|strong)>/);
    });

    it("keeps Paperboy's url and published fields as the paper's own, not the page's", async () => {
      const html = await read("papers/aaa-markdown-features/index.html");
      expect(html).toContain('href="https://example.org/features"');
      expect(html).toContain('datetime="2099-01-01"');
    });

    it("renders the same Markdown features: tables, strikethrough, autolinks, raw HTML never passed through", async () => {
      const html = await read("papers/aaa-markdown-features/index.html");
      expect(html).toMatch(/<table>[\s\S]*<td>1<\/td>/);
      // goldmark writes <del>, like Paperboy; markdown-it writes <s>.
      expect(html).toMatch(/<(del|s)>struck<\/(del|s)>/);
      expect(html).toContain('<a href="https://example.org/bare">https://example.org/bare</a>');
      expect(html).not.toContain("<script>");
    });

    it("writes one page per day listing its papers in file-name order, as cards with the summary's opening; home is the latest day", async () => {
      for (const day of model.days) {
        const html = await read(`days/${day.date}/index.html`);
        expectInOrder(
          html,
          day.papers.map((p) => `href="${BASE}papers/${p.id}/"`),
        );
        // As Paperboy's day pages: an excerpt on each card, the whole summary only on the paper's page.
        expect(html.match(/<p class="excerpt">/g)?.length ?? 0).toBe(day.papers.length);
        expect(html).not.toContain("<p>Code and data: ");
      }
      const home = await read("index.html");
      expectInOrder(
        home,
        model.days[0]!.papers.map((p) => `href="${BASE}papers/${p.id}/"`),
      );
      expect(home).not.toContain(`href="${BASE}papers/${model.days[1]!.papers[0]!.id}/"`);
    });

    it(`paginates tag pages at ${PAGE_SIZE} papers (100 in the benchmark), newest first, at tags/<tag>/page/<n>/`, async () => {
      const long = model.tags.filter((t) => t.papers.length > PAGE_SIZE);
      expect(long.length).toBeGreaterThan(0);
      for (const tag of model.tags) {
        const pages = Math.ceil(tag.papers.length / PAGE_SIZE);
        let listed = "";
        for (let n = 1; n <= pages; n++) listed += await read(n === 1 ? `tags/${tag.name}/index.html` : `tags/${tag.name}/page/${n}/index.html`);
        expect(files).not.toContain(`tags/${tag.name}/page/${pages + 1}/index.html`);
        expectInOrder(
          listed,
          tag.papers.map((p) => `<a href="${BASE}papers/${p.id}/">`),
        );
      }
      const page2 = await read(`tags/${long[0]!.name}/page/2/index.html`);
      expect(page2).toContain(`href="${BASE}tags/${long[0]!.name}/"`);
    });

    it("writes the site's RSS, Atom and JSON feeds of the newest papers, up to 50, with full content", async () => {
      const expected = model.papers.slice(0, 50).map((p) => `${URL}papers/${p.id}/`);
      const rssText = await read("feed.xml");
      expect(XMLValidator.validate(rssText)).toBe(true);
      const items = xml.parse(rssText).rss.channel.item;
      expect(items.map((i: { link: string }) => i.link)).toEqual(expected);
      expect(items[0]["content:encoded"]).toContain("<p>");
      const atomText = await read("atom.xml");
      expect(XMLValidator.validate(atomText)).toBe(true);
      expect(xml.parse(atomText).feed.entry).toHaveLength(expected.length);
      expect(JSON.parse(await read("feed.json")).items.map((i: { url: string }) => i.url)).toEqual(expected);
    });

    it("writes RSS and Atom feeds of each tag's newest papers (feed.tag_items), and a sitemap", async () => {
      for (const tag of model.tags) {
        const rss = xml.parse(await read(`tags/${tag.name}/feed.xml`)).rss.channel.item;
        expect(rss.map((i: { link: string }) => i.link)).toEqual(tag.papers.slice(0, model.config.tagFeedItems).map((p) => `${URL}papers/${p.id}/`));
        expect(xml.parse(await read(`tags/${tag.name}/atom.xml`)).feed.entry).toHaveLength(Math.min(tag.papers.length, model.config.tagFeedItems));
      }
      const locs = xml.parse(await read("sitemap.xml")).urlset.url.map((u: { loc: string }) => u.loc);
      for (const paper of model.papers) expect(locs).toContain(`${URL}papers/${paper.id}/`);
      expect(files).toEqual(expect.arrayContaining(["archive/index.html", "tags/index.html", "404.html", "robots.txt", ".nojekyll", "assets/style.css"]));
    });

    if (math === "katex") {
      it("renders math to KaTeX HTML at build time, with KaTeX's stylesheet and fonts", async () => {
        const paper = withMath;
        const html = await read(`papers/${paper.id}/index.html`);
        expect(html).toContain('<span class="katex">');
        expect(html).toContain("<math");
        expect(html).not.toMatch(/\$[^$<]*\\[a-z]+[^$<]*\$/);
        expect(files).toContain("assets/katex/katex.min.css");
      });
    } else {
      it("leaves math as text (Hugo 0.111 has no server-side math)", async () => {
        const paper = withMath;
        const html = await read(`papers/${paper.id}/index.html`);
        expect(html).not.toContain('class="katex');
        expect(html).toMatch(/\$[^$<]*\\[a-zA-Z]+[^$<]*\$/);
      });
    }
  });
}

// Eleventy comes from npm (a devDependency), so it is always there; Hugo is a system program.
describePeer(hugo, [HUGO], "text");
describePeer(eleventy, [], "katex");
