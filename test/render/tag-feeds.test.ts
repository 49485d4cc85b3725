// Per-tag feeds: each tag of the fixture gets RSS and Atom beside its page,
// parsed and checked; the tag page links them; listFeeds names them all.
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { listFeeds } from "../../scripts/render/feeds.ts";
import { buildSite, FIXTURES, textOf } from "../support/helpers.ts";
import { themeLocale } from "../support/locale.ts";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  cdataPropName: "#cdata",
  isArray: (name) => ["item", "entry", "link", "atom:link", "category"].includes(name),
});
const BASE = "https://example.org/digest/";

describe("per-tag feeds of the fixture site", async () => {
  const result = await buildSite(path.join(FIXTURES, "basic"));
  const model = result.model!;
  const paths = new Set((result.files ?? []).map((f) => f.path));

  it("every tag has RSS and Atom beside its page, well-formed, and no JSON Feed", () => {
    expect(model.tags.map((t) => t.name)).toEqual(["efficiency", "llm", "multilingual", "physics", "theory"]);
    for (const tag of model.tags) {
      for (const file of ["feed.xml", "atom.xml"]) {
        const text = textOf(result, `tags/${tag.name}/${file}`);
        expect(XMLValidator.validate(text), `tags/${tag.name}/${file}`).toBe(true);
      }
      expect(paths.has(`tags/${tag.name}/feed.json`)).toBe(false);
    }
  });

  it("RSS: the tag's papers only, newest first, with the same permanent ids as the site feed", () => {
    const channel = parser.parse(textOf(result, "tags/llm/feed.xml")).rss.channel;
    expect(channel.title).toBe("Fixture Digest: llm");
    expect(channel.link).toEqual([`${BASE}tags/llm/`]);
    expect(channel["atom:link"][0]["@href"]).toBe(`${BASE}tags/llm/feed.xml`);
    // 2412.00010 is the first of its day's two papers, so a second after the day's last (feedItemTimes).
    expect(channel.lastBuildDate).toBe("Tue, 07 Jan 2025 00:00:01 GMT");
    expect(channel.item.map((i: { guid: { "#text": string } }) => i.guid["#text"])).toEqual([`${BASE}papers/2412.00010/`, `${BASE}papers/2501.01230/`]);
    expect(channel.item[1].pubDate).toBe("Mon, 06 Jan 2025 00:00:01 GMT");
    const site = parser.parse(textOf(result, "feed.xml")).rss.channel.item;
    const inSite = site.find((i: { link: string[] }) => i.link[0] === `${BASE}papers/2412.00010/`);
    expect(channel.item[0]["content:encoded"]).toEqual(inSite["content:encoded"]);
  });

  it("Atom: the tag page's URL as the feed id, updated from its newest paper, titles as plain text", () => {
    const feed = parser.parse(textOf(result, "tags/efficiency/atom.xml")).feed;
    expect(feed.id).toBe(`${BASE}tags/efficiency/`);
    expect(feed.title).toBe("Fixture Digest: efficiency");
    expect(feed.updated).toBe("2025-01-13T00:00:00.000Z");
    expect(feed.link.find((l: { "@rel": string }) => l["@rel"] === "self")["@href"]).toBe(`${BASE}tags/efficiency/atom.xml`);
    expect(feed.entry.map((e: { id: string }) => e.id)).toEqual([`${BASE}papers/web-only/`, `${BASE}papers/2501.01230/`]);
    // The title's "<b>" is text, escaped for XML only: a text-typed Atom title (the default) never holds markup.
    expect(feed.entry[0].title).toBe("Web-Only Report <b>not bold</b>");
  });

  it("Atom of another tag: its own papers, across days", () => {
    const feed = parser.parse(textOf(result, "tags/theory/atom.xml")).feed;
    expect(feed.entry.map((e: { id: string }) => e.id)).toEqual([`${BASE}papers/hep-th/9901001/`, `${BASE}papers/zeta-functions/`]);
  });

  it("the tag page links its feeds visibly and for autodiscovery, beside the site's", () => {
    const html = textOf(result, "tags/llm/index.html");
    const head = html.slice(0, html.indexOf("</head>"));
    const alternates = [...head.matchAll(/<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2], m[3]]);
    expect(alternates).toEqual([
      ["application/rss+xml", "Fixture Digest (RSS)", "/digest/feed.xml"],
      ["application/atom+xml", "Fixture Digest (Atom)", "/digest/atom.xml"],
      ["application/feed+json", "Fixture Digest (JSON Feed)", "/digest/feed.json"],
      ["application/rss+xml", "Fixture Digest: llm (RSS)", "/digest/tags/llm/feed.xml"],
      ["application/atom+xml", "Fixture Digest: llm (Atom)", "/digest/tags/llm/atom.xml"],
    ]);
    const body = html.slice(html.indexOf("<body"));
    for (const file of ["feed.xml", "atom.xml"]) expect(body).toContain(`href="/digest/tags/llm/${file}"`);
  });

  it("listFeeds names every feed the build writes, site-wide first, with absolute URLs and base-path links", () => {
    const feeds = listFeeds(model, themeLocale());
    expect(feeds).toHaveLength(3 + 2 * model.tags.length);
    expect(feeds.slice(0, 4)).toEqual([
      { title: "Fixture Digest", format: "RSS", type: "application/rss+xml", url: `${BASE}feed.xml`, href: "/digest/feed.xml" },
      { title: "Fixture Digest", format: "Atom", type: "application/atom+xml", url: `${BASE}atom.xml`, href: "/digest/atom.xml" },
      { title: "Fixture Digest", format: "JSON Feed", type: "application/feed+json", url: `${BASE}feed.json`, href: "/digest/feed.json" },
      {
        title: "Fixture Digest: efficiency",
        format: "RSS",
        type: "application/rss+xml",
        url: `${BASE}tags/efficiency/feed.xml`,
        href: "/digest/tags/efficiency/feed.xml",
        tag: "efficiency",
      },
    ]);
    const written = [...paths].filter((p) => /(^|\/)(feed\.xml|atom\.xml|feed\.json)$/.test(p)).sort();
    expect(feeds.map((f) => f.href.slice("/digest/".length)).sort()).toEqual(written);
    for (const feed of feeds) expect(feed.url).toBe(BASE + feed.href.slice("/digest/".length));
  });
});
