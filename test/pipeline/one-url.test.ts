// One page per address and one address per page. Every HTML page of a built
// site names itself as canonical, no two pages show the same content, and an
// address that only leads elsewhere (the latest day's own, which leads to the
// home page) says so: it redirects, is not indexed, and is not in the sitemap.
import path from "node:path";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { writeCorpus } from "../../scripts/commands/bench/corpus.ts";
import type { BuildResult } from "../../scripts/commands/build.ts";
import { buildSite, FIXTURES, tempDir, textOf } from "../support/helpers.ts";

type Element = DefaultTreeAdapterMap["element"];

function elements(html: string): Element[] {
  const found: Element[] = [];
  const walk = (node: DefaultTreeAdapterMap["node"]) => {
    if ("tagName" in node) found.push(node);
    if ("childNodes" in node) node.childNodes.forEach(walk);
  };
  walk(parse(html) as unknown as DefaultTreeAdapterMap["node"]);
  return found;
}

const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;

/** What one HTML file says about its address. */
function describePage(html: string) {
  const all = elements(html);
  const canonical = all.filter((e) => e.tagName === "link" && attr(e, "rel") === "canonical").map((e) => attr(e, "href")!);
  const refresh = all.find((e) => e.tagName === "meta" && attr(e, "http-equiv") === "refresh");
  const noindex = all.some((e) => e.tagName === "meta" && attr(e, "name") === "robots" && attr(e, "content") === "noindex");
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1];
  // The papers shown as cards (a day's listing): two pages with the same cards are the same page.
  const cards = [...html.matchAll(/<article class="paper-card">\s*<h2[^>]*><a href="([^"]+)"/g)].map((m) => m[1]).join(" ");
  return { canonical, redirectsTo: refresh ? /url=(.*)$/.exec(attr(refresh, "content")!)?.[1] : undefined, noindex, main, cards };
}

function checkOneUrl(result: BuildResult, base: string) {
  expect(result.diagnostics).toEqual([]);
  const pages = (result.files ?? []).filter((f) => f.path.endsWith("index.html"));
  const address = (file: string) => base + file.replace(/index\.html$/, "");
  const byCanonical = new Map<string, string>();
  const byContent = new Map<string, string>();
  const redirects: string[] = [];
  for (const file of pages) {
    const page = describePage(textOf(result, file.path));
    expect(page.canonical, file.path).toHaveLength(1);
    if (page.redirectsTo !== undefined) {
      // It leads to a page of the site, which is what it names as canonical, and it is kept out of indexes.
      redirects.push(file.path);
      expect(page.noindex, file.path).toBe(true);
      expect(page.main, file.path).toBeUndefined();
      const target = pages.find((f) => new URL(address(f.path)).pathname === page.redirectsTo);
      expect(target, `${file.path} leads to ${page.redirectsTo}`).toBeDefined();
      expect(page.canonical[0], file.path).toBe(address(target!.path));
      continue;
    }
    expect(page.canonical[0], file.path).toBe(address(file.path));
    expect(byCanonical.get(page.canonical[0]!), `${file.path} and another page claim ${page.canonical[0]}`).toBeUndefined();
    byCanonical.set(page.canonical[0]!, file.path);
    for (const shown of [page.main!, ...(page.cards ? [`cards: ${page.cards}`] : [])]) {
      const other = byContent.get(shown);
      expect(other, `${file.path} shows what ${other} shows`).toBeUndefined();
      byContent.set(shown, file.path);
    }
  }
  // The sitemap lists every page, and no address that only leads to another.
  const listed = [...textOf(result, "sitemap.xml").matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!).sort();
  expect(listed).toEqual([...byCanonical.keys()].sort());
  return { pages: byCanonical.size, redirects };
}

describe("one address per page", () => {
  it("holds for the fixture site: its latest day is the home page, and the day's own address leads there", async () => {
    const result = await buildSite(path.join(FIXTURES, "basic"));
    const { redirects } = checkOneUrl(result, "https://example.org/digest/");
    expect(redirects).toEqual([`days/${result.model!.days[0]!.date}/index.html`]);
  });

  it("holds for a digest of many days, weeks, months, tags and listing pages", async () => {
    const root = await tempDir();
    await writeCorpus(root, 160);
    const result = await buildSite(root, { env: { SITE_URL: "https://example.org/digest/" } });
    const { pages } = checkOneUrl(result, "https://example.org/digest/");
    expect(pages).toBeGreaterThan(200);
  });
});
