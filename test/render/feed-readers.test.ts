// The site's feeds as feed readers' parsers read them: a paper whose title,
// authors and summary hold everything that goes wrong between HTML and plain
// text (an apostrophe, an ampersand, `<`, inline math, accents) must come back
// exactly as typed from every parser, in RSS, Atom and JSON Feed alike; a
// day's papers must sort, newest first, as the day page lists them; and a
// formula must not print twice where a reader strips the tags.
import { extractFromJson } from "@extractus/feed-extractor";
import { parseFeed as parseWithFeedParser } from "@rowanmanning/feed-parser";
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import RssParser from "rss-parser";
import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { buildSite, paperFile, siteWith, textOf } from "../support/helpers.ts";

type ChildNode = DefaultTreeAdapterMap["childNode"];

const TITLE = "Mixup's Influence & Why $a < b$ Holds When k < 10";
const AUTHORS = ["José Ñúñez-Ångström", "Zoë O'Brien"];
const SUMMARY = "We show $\\sum_{i=1}^n x_i^2 \\le \\alpha$ when a < b & c > d; it's tight.";
const BASE = "https://example.org/digest/";

const paper = (arxiv: string, title: string, authors: readonly string[], body: string) =>
  paperFile(
    {
      title: `title: ${JSON.stringify(title)}`,
      authors: `authors:\n${authors.map((a) => `  - ${JSON.stringify(a)}`).join("\n")}`,
      arxiv: `arxiv: "${arxiv}"`,
      tags: "tags:\n  - theory",
    },
    body,
  );

describe("feeds as feed readers parse them", async () => {
  // Three papers on one day (listed a, b, c by file name) and one on the day after.
  const root = await siteWith({
    "content/papers/2025-02-03/a-tricky.md": paper("2502.00001", TITLE, AUTHORS, SUMMARY),
    "content/papers/2025-02-03/b-second.md": paper("2502.00002", "Second of the Day", ["Ada Lovelace"], "Plain."),
    "content/papers/2025-02-03/c-third.md": paper("2502.00003", "Third of the Day", ["Ada Lovelace"], "Plain."),
    "content/papers/2025-02-04/newer.md": paper("2502.00004", "The Next Day", ["Alan Turing"], "Plain."),
  });
  const result = await buildSite(root);
  expect(result.diagnostics).toEqual([]);
  const rss = textOf(result, "feed.xml");
  const atom = textOf(result, "atom.xml");
  const json = textOf(result, "feed.json");
  const tagRss = textOf(result, "tags/theory/feed.xml");
  const tagAtom = textOf(result, "tags/theory/atom.xml");
  const tricky = `${BASE}papers/2502.00001/`;

  const expected = { title: TITLE, authors: AUTHORS, summary: SUMMARY };
  /** What a reader shows of one item, read by one parser. */
  type Read = { link: string; title: string; authors: string[]; summary: string; date: string | number | Date; text?: string };
  const readers: Record<string, () => Promise<Read[]>> = {
    "RSS, @rowanmanning/feed-parser": async () => fromFeedParser(rss),
    "Atom, @rowanmanning/feed-parser": async () => fromFeedParser(atom),
    "tag RSS, @rowanmanning/feed-parser": async () => fromFeedParser(tagRss),
    "tag Atom, @rowanmanning/feed-parser": async () => fromFeedParser(tagAtom),
    "RSS, rss-parser": async () =>
      (await new RssParser().parseString(rss)).items.map((i) => ({
        link: i.link!,
        title: i.title!,
        // rss-parser keeps one creator per item, the first.
        authors: [i.creator!],
        // The description is HTML; its snippet is the text a reader shows of it.
        summary: i.contentSnippet!,
        date: i.isoDate!,
        text: (i as Record<string, string>)["content:encodedSnippet"],
      })),
    "Atom, rss-parser": async () =>
      (await new RssParser().parseString(atom)).items.map((i) => ({
        link: i.link!,
        title: i.title!,
        authors: [(i as { author?: string }).author!],
        summary: i.summary!,
        date: i.isoDate!,
        text: i.contentSnippet,
      })),
    "RSS, feedsmith": async () =>
      (parseRssFeed(rss).items ?? []).map((i) => ({
        link: i.link!,
        title: i.title!,
        authors: i.dc?.creators ?? [],
        summary: htmlText(i.description!),
        date: i.pubDate!,
      })),
    "Atom, feedsmith": async () =>
      (parseAtomFeed(atom).entries ?? []).map((e) => ({
        link: e.links![0]!.href!,
        title: textValue(e.title),
        authors: (e.authors ?? []).map((a) => a.name!),
        summary: textValue(e.summary),
        date: e.updated!,
      })),
    "JSON Feed, feedsmith": async () =>
      (parseJsonFeed(JSON.parse(json)).items ?? []).map((i) => ({
        link: i.url!,
        title: i.title!,
        authors: (i.authors ?? []).map((a) => a.name!),
        summary: i.summary!,
        date: i.date_published!,
        text: htmlText(i.content_html!),
      })),
    "JSON Feed, @extractus/feed-extractor": async () =>
      // Its entries name no authors or summary of their own; it hands over the item's fields for that.
      (
        extractFromJson(JSON.parse(json), {
          descriptionMaxLen: 0,
          getExtraEntryFields: (item: Record<string, unknown>) => ({ summary: item.summary, names: (item.authors as { name: string }[]).map((a) => a.name) }),
        }).entries ?? []
      ).map((e) => {
        const entry = e as typeof e & { summary: string; names: string[] };
        return { link: entry.link!, title: entry.title!, authors: entry.names, summary: entry.summary, date: entry.published!, text: entry.description };
      }),
  };

  for (const [name, read] of Object.entries(readers)) {
    it(`${name}: title, authors and summary read exactly as written`, async () => {
      const item = (await read()).find((i) => i.link === tricky)!;
      expect({ title: item.title, authors: item.authors, summary: item.summary }).toEqual(
        name.includes("rss-parser") ? { ...expected, authors: AUTHORS.slice(0, 1) } : expected,
      );
    });

    it(`${name}: newest first, a day's papers sort as the day page lists them`, async () => {
      const items = await read();
      const times = items.map((i) => new Date(i.date).getTime());
      expect(new Set(times).size, "every item has a time of its own").toBe(items.length);
      // Sorted from the feed's last item up, so document order cannot pass for date order.
      const sorted = [...items].reverse().sort((a, b) => new Date(b.date).getTime() - new Date(a.date).getTime());
      const listed = result.model!.days.flatMap((day) => day.papers.map((p) => `${BASE}papers/${p.id}/`));
      expect(sorted.map((i) => i.link)).toEqual(listed);
    });
  }

  it("readers that strip the content's tags see each formula once, with no TeX beside it", async () => {
    const texts = (await Promise.all(Object.values(readers).map((read) => read()))).flatMap((items) =>
      items.filter((i) => i.link === tricky && i.text).map((i) => i.text!),
    );
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const text of texts) {
      expect(text).not.toContain("\\sum");
      expect(text.match(/∑/g)).toHaveLength(1);
    }
  });

  it("dates the day's papers one second apart, the last listed at 00:00 UTC", () => {
    const items = JSON.parse(json).items.map((i: { title: string; date_published: string }) => [i.title, i.date_published]);
    expect(items).toEqual([
      ["The Next Day", "2025-02-04T00:00:00.000Z"],
      [TITLE, "2025-02-03T00:00:02.000Z"],
      ["Second of the Day", "2025-02-03T00:00:01.000Z"],
      ["Third of the Day", "2025-02-03T00:00:00.000Z"],
    ]);
  });
});

/** A feed-parser item as a reader shows it. */
function fromFeedParser(xml: string) {
  return parseWithFeedParser(xml).items.map((i) => ({
    link: i.url!,
    title: i.title!,
    authors: i.authors.map((a) => a.name!),
    summary: i.description!,
    date: i.published!,
  }));
}

/** The text an HTML fragment shows (what a reader that renders the HTML displays, without its layout). */
function htmlText(html: string): string {
  const text = (node: ChildNode): string => ("value" in node ? node.value : "childNodes" in node ? node.childNodes.map(text).join("") : "");
  return parseFragment(html).childNodes.map(text).join("");
}

/** An Atom text construct's value, as feedsmith gives it. */
function textValue(construct: string | { value?: string } | undefined): string {
  return typeof construct === "string" ? construct : (construct?.value ?? "");
}
