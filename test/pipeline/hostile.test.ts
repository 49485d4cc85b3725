// The hostile corpus (test/fixtures/hostile/cases.ts). Each case to refuse is built alone
// and must give exactly its named problems. The cases to neutralise are built
// together: no executable markup from them may reach any page or feed, the feeds
// must stay well-formed, and what was typed must be shown as text.
import { XMLParser } from "fast-xml-parser";
import { parse, parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { isRuleId } from "../../scripts/diagnostics/rules.ts";
import { buildSite, findExecutable, tempDir, textOf } from "../support/helpers.ts";
import { NEUTRALISED, REFUSED, UNICODE_TITLE, writeHostileSite, type HostileCase } from "../fixtures/hostile/cases.ts";
import { bodyOf, xmlProblems } from "../support/validators.ts";

type Node = DefaultTreeAdapterMap["node"];

/** The text a reader sees: every text node, entities decoded, markup gone. */
function textContent(node: Node): string {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  const children = "content" in node && node.content ? [node.content as unknown as Node] : "childNodes" in node ? node.childNodes : [];
  return children.map(textContent).join("");
}
const pageText = (html: string) => textContent(parse(html) as unknown as Node);
const htmlText = (html: string) => textContent(parseFragment(html) as unknown as Node);

describe("hostile contributions that must be refused", () => {
  it.each(REFUSED.map((c) => [c.name, c] as const))("%s", async (_name, c: HostileCase) => {
    const root = await tempDir();
    await writeHostileSite(root, [c], await tempDir());
    const result = await buildSite(root);
    expect(result.files).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual("errors" in c.expect ? c.expect.errors : []);
    // Every problem says what is wrong; a problem in a paper's text also says how to fix it.
    for (const d of result.diagnostics) {
      expect(d.message.length).toBeGreaterThan(10);
      expect(isRuleId(d.rule), `${d.rule} is in scripts/diagnostics/rules.ts`).toBe(true);
      if (d.line > 0) expect(d.fix, `${d.rule} has no fix`).toBeTruthy();
    }
  });

  it("never evaluates JavaScript front matter", async () => {
    const root = await tempDir();
    await writeHostileSite(
      root,
      REFUSED.filter((c) => c.name === "js-front-matter"),
      await tempDir(),
    );
    await buildSite(root);
    await expect(import("node:fs/promises").then((fs) => fs.stat("/tmp/paperboy-pwned"))).rejects.toThrow();
  });
});

describe("hostile contributions that must be neutralised", async () => {
  const root = await tempDir("paperboy-hostile-", "file");
  await writeHostileSite(root, NEUTRALISED, await tempDir("paperboy-outside-", "file"));
  const result = await buildSite(root);
  const files = result.files ?? [];
  const pages = files.filter((f) => f.path.endsWith(".html"));

  it("build together without a single problem", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.model!.papers.map((p) => p.slug).sort()).toEqual(NEUTRALISED.map((c) => c.name).sort());
  });

  it("put no executable markup on any page (parsed as a browser would; KaTeX's own SVG allowed)", () => {
    expect(pages.length).toBeGreaterThan(NEUTRALISED.length);
    const found = pages.flatMap((page) => findExecutable(bodyOf(textOf(result, page.path)), { svg: true }).map((what) => `${page.path}: ${what}`));
    expect(found).toEqual([]);
  });

  it("keep every feed well-formed, with no executable markup in any item", async () => {
    const rss = textOf(result, "feed.xml");
    const atom = textOf(result, "atom.xml");
    expect(await xmlProblems({ "feed.xml": rss, "atom.xml": atom })).toBe("");
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["item", "entry"].includes(name) });
    const items = parser.parse(rss).rss.channel.item as Record<string, string>[];
    const entries = parser.parse(atom).feed.entry as Record<string, { "#text": string }>[];
    const json = JSON.parse(textOf(result, "feed.json")) as { items: { content_html: string }[] };
    expect(items).toHaveLength(NEUTRALISED.length);
    // Titles and Atom summaries are plain text (what was typed, escaped once by XML), so only the fields a
    // reader renders as HTML are looked at for markup; a title is text however much it looks like a tag.
    const html = [
      ...items.flatMap((i) => [i.description!, i["content:encoded"]!]),
      ...entries.map((e) => e.content!["#text"]),
      ...json.items.map((i) => i.content_html),
    ];
    const found = html.flatMap((h) => findExecutable(String(h)));
    expect(found).toEqual([]);
  });

  it.each(NEUTRALISED.map((c) => [c.name, c] as const))("%s: its page shows what was typed, as text", (_name, c: HostileCase) => {
    const paper = result.model!.papers.find((p) => p.slug === c.name)!;
    const text = pageText(textOf(result, `papers/${paper.id}/index.html`));
    for (const shown of "neutralised" in c.expect ? (c.expect.neutralised.shows ?? []) : []) expect(text).toContain(shown);
  });

  it("right-to-left text, combining marks and emoji come out exactly in every feed", () => {
    const paper = result.model!.papers.find((p) => p.slug === "unicode-text")!;
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "@",
      isArray: (name) => ["item", "entry", "author", "dc:creator"].includes(name),
    });
    const item = (parser.parse(textOf(result, "feed.xml")).rss.channel.item as Record<string, unknown>[]).find(
      (i) => i.link === `https://example.org/digest/papers/${paper.id}/`,
    )!;
    const entry = (parser.parse(textOf(result, "atom.xml")).feed.entry as Record<string, unknown>[]).find(
      (e) => e.id === `https://example.org/digest/papers/${paper.id}/`,
    )!;
    const jsonItem = (JSON.parse(textOf(result, "feed.json")).items as Record<string, unknown>[]).find(
      (i) => i.id === `https://example.org/digest/papers/${paper.id}/`,
    )!;
    const title = UNICODE_TITLE;
    const authors = ["محمد الخوارزمي", "דוד בן־גוריון", "Zoë Kálmán", "李飞飞 👩🏽‍🔬"];
    // Plain text in RSS and Atom alike: the parser's text is the title.
    expect(item.title).toBe(title);
    expect(entry.title).toBe(title);
    expect(jsonItem.title).toBe(title);
    expect(item["dc:creator"]).toEqual(authors);
    expect((entry.author as { name: string }[]).map((a) => a.name)).toEqual(authors);
    expect((jsonItem.authors as { name: string }[]).map((a) => a.name)).toEqual(authors);
    expect(htmlText(jsonItem.content_html as string)).toContain("👨‍👩‍👧‍👦 and 🏳️‍🌈");
  });
});
