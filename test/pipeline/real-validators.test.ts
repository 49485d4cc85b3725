// Real validators over real output: the two fixture sites (digest and basic) and the
// hostile corpus's valid cases, each built into its own folder. Every HTML page
// goes through the Nu HTML Checker (one JVM for all of them); every XML file
// through libxml2, and the Atom feed through RFC 4287's RELAX NG schema; every
// feed through two feed-reader parsers from npm, which must find in each item a
// title, an absolute link, a unique id that is the paper's permanent address,
// and the paper's date.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLParser } from "fast-xml-parser";
import Parser from "rss-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../scripts/commands/build.ts";
import { feedItemTimes } from "../../scripts/render/feeds.ts";
import { listTree } from "../../scripts/util/list-tree.ts";
import { copyFixture, FIXTURES, tempDir } from "../support/helpers.ts";
import { NEUTRALISED, writeHostileSite } from "../fixtures/hostile/cases.ts";
import { ATOM_RNG, checkWithNu, relaxNgProblems, xmlFileProblems } from "../support/validators.ts";
import { describeNeeding } from "../support/needs.ts";
import { JAVA } from "../support/requirements.ts";

interface BuiltSite {
  name: string;
  dist: string;
  result: BuildResult;
}

const sites: BuiltSite[] = [];
const NAMES = ["digest fixture", "basic fixture", "hostile corpus"];

beforeAll(async () => {
  const fixture = await copyFixture("basic", "file");
  const hostile = await tempDir("paperboy-hostile-", "file");
  await writeHostileSite(hostile, NEUTRALISED, await tempDir("paperboy-outside-", "file"));
  for (const [name, root] of [
    [NAMES[0]!, path.join(FIXTURES, "digest")],
    [NAMES[1]!, fixture],
    [NAMES[2]!, hostile],
  ] as const) {
    const dist = path.join(await tempDir("paperboy-dist-", "file"), "dist");
    const result = await build({ root, outDir: dist, env: {} });
    expect(result.diagnostics, name).toEqual([]);
    sites.push({ name, dist, result });
  }
}, 120_000);

const filesOf = async (site: BuiltSite, ext: string) => (await listTree(site.dist)).filter((f) => f.endsWith(ext)).map((f) => path.join(site.dist, f));

describeNeeding(JAVA, "the Nu HTML Checker", () => {
  it("finds no error in any page of the three sites", async () => {
    const pages = (await Promise.all(sites.map((site) => filesOf(site, ".html")))).flat();
    expect(pages.length).toBeGreaterThan(60);
    // A page with one known error rides along, so a checker that silently checked nothing would fail the test.
    const canary = path.join(await tempDir(), "canary.html");
    await writeFile(canary, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><p>\u0085</p></body></html>');
    const started = performance.now();
    const errors = await checkWithNu([...pages, canary]);
    console.log(`Nu HTML Checker: ${pages.length} pages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(errors.filter((e) => e.url.endsWith("/canary.html")).map((e) => e.message)).toEqual(["Forbidden code point U+0085."]);
    expect(errors.filter((e) => !e.url.endsWith("/canary.html")).map((e) => `${e.url.replace(/^file:/, "")}:${e.lastLine ?? "?"}: ${e.message}`)).toEqual([]);
  }, 180_000);
});

describe("libxml2", () => {
  it("finds every XML file well-formed, and the Atom feeds valid against RFC 4287's schema", async () => {
    const xml = (await Promise.all(sites.map((site) => filesOf(site, ".xml")))).flat();
    // Every site has its own Atom feed, and one per tag.
    expect(xml.filter((f) => /\/dist\/atom\.xml$/.test(f))).toHaveLength(sites.length);
    expect(xml.filter((f) => /\/tags\/[^/]+\/atom\.xml$/.test(f)).length).toBeGreaterThan(sites.length);
    const started = performance.now();
    expect(await xmlFileProblems(xml)).toEqual([]);
    const atom = xml.filter((f) => f.endsWith("atom.xml"));
    expect(await relaxNgProblems(atom, ATOM_RNG)).toEqual([]);
    console.log(
      `libxml2: ${xml.length} files well-formed, ${atom.length} Atom feeds against RELAX NG, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  it("would reject an Atom feed that breaks the schema (the schema bites)", async () => {
    const broken = path.join(await tempDir(), "atom.xml");
    const atom = await readFile(path.join(sites[1]!.dist, "atom.xml"), "utf8");
    // An entry without its id, and an update that is not a date.
    await writeFile(broken, atom.replace(/<id>[^<]*<\/id>\s*<link href/, "<link href").replace(/<updated>[^<]*<\/updated>/, "<updated>yesterday</updated>"));
    const problems = await relaxNgProblems([broken], ATOM_RNG);
    expect(problems.join("\n")).toContain("Type dateTime doesn't allow value 'yesterday'");
    expect(problems.join("\n")).toMatch(/Element entry failed to validate content/);
  });

  it("meets the two rules RFC 4287 states beside its schema (Schematron, which libxml2 does not run)", async () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "link", "author"].includes(name) });
    for (const site of sites) {
      const feed = parser.parse(await readFile(path.join(site.dist, "atom.xml"), "utf8")).feed;
      for (const entry of feed.entry) {
        expect(feed.author ?? entry.author, `${site.name}: an entry has no author`).toBeTruthy();
        const alternate = (entry.link as { "@rel"?: string }[]).some((l) => l["@rel"] === undefined || l["@rel"] === "alternate");
        expect(alternate || entry.content !== undefined, `${site.name}: an entry has neither a link nor content`).toBe(true);
      }
    }
  });
});

describe("feed readers", () => {
  /** What every item must carry, whichever reader parsed it. */
  interface ReadItem {
    title: string | null | undefined;
    link: string | null | undefined;
    id: string | null | undefined;
    date: Date | string | null | undefined;
  }

  function checkItems(site: BuiltSite, feedName: string, items: ReadItem[]): void {
    const { config, papers } = site.result.model!;
    const expected = papers.slice(0, config.feedItems);
    expect(items, `${site.name} ${feedName}`).toHaveLength(expected.length);
    expect(new Set(items.map((i) => i.id)).size, `${site.name} ${feedName}: ids are not unique`).toBe(items.length);
    items.forEach((item, index) => {
      const paper = expected[index]!;
      const permalink = `${config.url}papers/${paper.id}/`;
      const where = `${site.name} ${feedName} item ${index}`;
      expect(item.title?.trim(), where).toBeTruthy();
      expect(item.link, where).toBe(permalink);
      expect(new URL(item.link!).href, where).toBe(permalink);
      // The id is the paper's permanent address: it does not change when the paper is edited.
      expect(item.id, where).toBe(permalink);
      // The paper's day, plus a second for each paper listed after it that day (feedItemTimes).
      expect(new Date(item.date!).getTime(), where).toBe(feedItemTimes(site.result.model!, [paper]).get(paper));
      expect(new Date(item.date!).toISOString().slice(0, 10), where).toBe(paper.day);
    });
  }

  it("@rowanmanning/feed-parser reads every RSS and Atom item with title, absolute link, stable id and date", async () => {
    for (const site of sites) {
      for (const name of ["feed.xml", "atom.xml"]) {
        const feed = parseFeed(await readFile(path.join(site.dist, name), "utf8"));
        expect(feed.title, `${site.name} ${name}`).toBe(site.result.model!.config.title);
        checkItems(
          site,
          `${name} (feed-parser)`,
          feed.items.map((i) => ({ title: i.title, link: i.url, id: i.id, date: i.published })),
        );
      }
    }
  });

  it("rss-parser reads every RSS and Atom item with title, absolute link, stable id and date", async () => {
    const parser = new Parser();
    for (const site of sites) {
      for (const name of ["feed.xml", "atom.xml"]) {
        const feed = await parser.parseString(await readFile(path.join(site.dist, name), "utf8"));
        checkItems(
          site,
          `${name} (rss-parser)`,
          feed.items.map((i) => ({ title: i.title, link: i.link, id: i.guid ?? (i as { id?: string }).id, date: i.isoDate })),
        );
      }
    }
  });

  it("the JSON Feed has what JSON Feed 1.1 requires, and the same items", async () => {
    for (const site of sites) {
      const feed = JSON.parse(await readFile(path.join(site.dist, "feed.json"), "utf8"));
      expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
      expect(feed.title).toBe(site.result.model!.config.title);
      expect(feed.feed_url).toBe(`${site.result.model!.config.url}feed.json`);
      for (const item of feed.items) expect(item.date_published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      checkItems(
        site,
        "feed.json",
        feed.items.map((i: Record<string, string>) => ({ title: i.title, link: i.url, id: i.id, date: i.date_published })),
      );
    }
  });
});
