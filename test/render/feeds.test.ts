// The three feeds of the fixture site, parsed and checked field by field.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderFeeds, siteFeedSpec, xmlSafe } from "../../scripts/render/feeds.ts";
import { buildSite, copyFixture, FIXTURES, textOf, writeFiles } from "../support/helpers.ts";
import path from "node:path";
import { themeLocale } from "../support/locale.ts";

const parserFor = (arrays: string[]) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", cdataPropName: "#cdata", isArray: (name) => arrays.includes(name) });
const rssParser = parserFor(["item", "category", "dc:creator", "atom:link"]);
const atomParser = parserFor(["entry", "category", "author", "link"]);
const BASE = "https://example.org/digest/";

describe("feeds of the fixture site", async () => {
  const result = await buildSite(path.join(FIXTURES, "basic"));
  const rssText = textOf(result, "feed.xml");
  const atomText = textOf(result, "atom.xml");
  const json = JSON.parse(textOf(result, "feed.json"));
  const rss = rssParser.parse(rssText).rss;
  const atom = atomParser.parse(atomText).feed;

  it("are well-formed XML", () => {
    expect(XMLValidator.validate(rssText)).toBe(true);
    expect(XMLValidator.validate(atomText)).toBe(true);
  });

  it("carry the newest papers up to the configured length (4), newest day first", () => {
    const links = rss.channel.item.map((i: { link: string }) => i.link);
    expect(links).toEqual([`${BASE}papers/web-only/`, `${BASE}papers/2412.00010/`, `${BASE}papers/hep-th/9901001/`, `${BASE}papers/2501.01230/`]);
    expect(atom.entry).toHaveLength(4);
    expect(json.items).toHaveLength(4);
  });

  it("RSS 2.0: channel and items have what readers need, with dates from the content", () => {
    expect(rss["@version"]).toBe("2.0");
    expect(rss.channel.title).toBe("Fixture Digest");
    expect(rss.channel.link).toBe(BASE);
    expect(rss.channel.lastBuildDate).toBe("Mon, 13 Jan 2025 00:00:00 GMT");
    expect(rss.channel["atom:link"][0]["@href"]).toBe(`${BASE}feed.xml`);
    const item = rss.channel.item[1];
    // Titles are plain text, as RSS defines them: no CDATA, no HTML escaping to undo.
    expect(item.title).toBe("Multilingual Benchmarks: Names in Every Script");
    expect(item.guid["#text"]).toBe(`${BASE}papers/2412.00010/`);
    // The first of its day's two papers: a second after the day's last (feedItemTimes).
    expect(item.pubDate).toBe("Tue, 07 Jan 2025 00:00:01 GMT");
    // The description is HTML, as RSS defines it: the plain-text summary, escaped, math between dollars.
    expect(item.description["#cdata"]).toContain("Authors&#39; names keep their scripts");
    expect(item.description["#cdata"]).toContain("$\\alpha$-scaling");
    expect(item["dc:creator"]).toEqual(["Łukasz Kaiser", "李飞飞", "محمد الخوارزمي", "José Ñúñez"]);
    expect(item.category.map((c: { "#text": string }) => c["#text"])).toEqual(["llm", "multilingual"]);
    expect(item["content:encoded"]["#cdata"]).toContain('<a href="https://github.com/example/multilingual">Code</a>');
    // RSS <author> must be an e-mail address, so names go in dc:creator only.
    expect(item.author).toBeUndefined();
  });

  it("Atom 1.0: entries have ids, links, dates and authors; titles and summaries are plain text", () => {
    expect(atom["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(atom.id).toBe(BASE);
    expect(atom.updated).toBe("2025-01-13T00:00:00.000Z");
    const web = atom.entry[0];
    expect(web.id).toBe(`${BASE}papers/web-only/`);
    expect(web.link[0]["@href"]).toBe(`${BASE}papers/web-only/`);
    expect(web.updated).toBe("2025-01-13T00:00:00.000Z");
    // The title's "<b>" is text: a text-typed title (the default), escaped for XML only, never markup.
    expect(atomText).toContain("<title>Web-Only Report &lt;b&gt;not bold&lt;/b&gt;</title>");
    expect(web.title).toBe("Web-Only Report <b>not bold</b>");
    expect(web.summary).toMatch(/^Raw HTML such as <script>alert\(1\)<\/script> and <em>emphasis<\/em> is shown as text/);
    expect(web.author.map((a: { name: string }) => a.name)).toEqual(["{{constructor}}"]);
  });

  it("JSON Feed 1.1: version, authors arrays, dates and tags", () => {
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.home_page_url).toBe(BASE);
    expect(json.feed_url).toBe(`${BASE}feed.json`);
    expect(json.language).toBe("en");
    expect(json.authors).toEqual([{ name: "Fixture Maintainers", url: "https://example.org/" }]);
    expect(json.author).toBeUndefined();
    const item = json.items[3];
    expect(item.id).toBe(`${BASE}papers/2501.01230/`);
    expect(item.url).toBe(`${BASE}papers/2501.01230/`);
    expect(item.title).toBe("Attention Sinks at $O(n)$ Cost");
    expect(item.date_published).toBe("2025-01-06T00:00:01.000Z");
    expect(item.summary).toMatch(
      /^Streaming models keep a few sink tokens so that attention stays stable, cutting memory from \$O\(n\^2\)\$ to \$O\(n\)\$ with a \$3\.2\\times\$ speed-up\. \$\$\\mathrm\{softmax\}/,
    );
    expect(item.authors).toEqual([{ name: "Ada Lovelace" }, { name: "Alan Turing" }]);
    expect(item.tags).toEqual(["llm", "efficiency"]);
    for (const entry of json.items) {
      expect(entry.author).toBeUndefined();
      expect(entry.date_modified).toBeUndefined();
    }
  });

  it("render math as MathML with its namespace, and its TeX in alttext, not in an annotation a tag-stripping reader would print", () => {
    const content: string = json.items[3].content_html;
    expect(content).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML" alttext="O(n^2)"><mrow><mi>O</mi>');
    expect(content).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block" alttext="\\mathrm{softmax}(QK^\\top / \\sqrt{d})\\,V"><mrow>');
    expect(content).not.toContain("<annotation");
    expect(content).not.toContain("<semantics");
    expect(content).not.toContain("katex-html");
  });

  it("keep their ids when a paper is edited and the site rebuilt", async () => {
    const root = await copyFixture("basic");
    await writeFiles(root, {
      "content/papers/2025-01-06/attention-sinks.md": `---\ntitle: Attention Sinks, Retitled\nauthors:\n  - Ada Lovelace\narxiv: 2501.01230v3\n---\nA rewritten summary.\n`,
    });
    const edited = JSON.parse(textOf(await buildSite(root), "feed.json"));
    expect(edited.items.map((i: { id: string }) => i.id)).toEqual(json.items.map((i: { id: string }) => i.id));
  });
});

describe("feed hardening", () => {
  it("removes characters XML forbids", () => {
    expect(xmlSafe("a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uD800g")).toBe("abcdefg");
    expect(xmlSafe("tab\tnew\nline 😀")).toBe("tab\tnew\nline 😀");
  });

  it("never reads the clock: an empty site's feeds carry a fixed date", async () => {
    const { parseConfig } = await import("../../scripts/content/config.ts");
    const { config } = parseConfig("title: T\ndescription: D\nurl: https://example.org/\nauthor:\n  name: A\n");
    const files = renderFeeds(config!, siteFeedSpec(config!), [], new Map(), themeLocale());
    const rss = files.find((f) => f.path === "feed.xml")!.contents as string;
    expect(rss).toContain("<lastBuildDate>Thu, 01 Jan 1970 00:00:00 GMT</lastBuildDate>");
  });
});
