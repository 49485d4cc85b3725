// The OPML list of every feed: well-formed as libxml2 reads it, OPML 2.0 as
// feedsmith's OPML parser reads it, and naming exactly the feeds the build writes.
import path from "node:path";
import { parseOpml } from "feedsmith";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../scripts/content/config.ts";
import { xmlProblems } from "../../scripts/output/check-xml.ts";
import { renderOpml } from "../../scripts/render/opml.ts";
import { buildSiteModel } from "../../scripts/site/model.ts";
import { buildSite, FIXTURES, textOf } from "../support/helpers.ts";
import { syntheticPapers } from "../support/synthetic.ts";
import { themeLocale } from "../support/locale.ts";

const BASE = "https://example.org/digest/";

describe("the OPML list of the fixture site", async () => {
  const result = await buildSite(path.join(FIXTURES, "basic"));
  const text = textOf(result, "feeds.opml");
  const opml = parseOpml(text);

  it("is well-formed XML and OPML 2.0", () => {
    expect(xmlProblems(text)).toEqual([]);
    expect(text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<opml version="2\.0">/);
    expect(opml.head?.title).toBe("Every feed of Fixture Digest");
  });

  it("lists the site's feed, then every tag's in a Tags folder, each by an RSS feed the build writes", () => {
    const [site, tags, ...rest] = opml.body!.outlines!;
    expect(rest).toEqual([]);
    expect(site).toMatchObject({ type: "rss", text: "Fixture Digest", xmlUrl: `${BASE}feed.xml`, htmlUrl: BASE });
    expect(tags!.text).toBe("Tags");
    expect(tags!.outlines!.map((o) => [o.text, o.xmlUrl, o.htmlUrl])).toEqual(
      result.model!.tags.map((t) => [`Fixture Digest: ${t.name}`, `${BASE}tags/${t.name}/feed.xml`, `${BASE}tags/${t.name}/`]),
    );
    const written = new Set(result.files!.map((f) => f.path));
    for (const outline of [site!, ...tags!.outlines!]) expect(written.has(outline.xmlUrl!.slice(BASE.length)), outline.xmlUrl).toBe(true);
  });
});

describe("renderOpml", () => {
  const config = (title: string) =>
    parseConfig(`title: ${JSON.stringify(title)}\ndescription: "Quotes \\" and <tags> & more"\nurl: https://example.org/\nauthor:\n  name: "O'Brien & Co"\n`)
      .config!;

  it("escapes every text it carries, so titles with & < \" ' read back as typed", () => {
    const title = `Ada's "Digest" <of> Papers & More`;
    const file = renderOpml(buildSiteModel(config(title), syntheticPapers(4)), themeLocale());
    const text = file.contents as string;
    expect(xmlProblems(text)).toEqual([]);
    const opml = parseOpml(text);
    expect(opml.head?.title).toBe(`Every feed of ${title}`);
    expect(opml.head?.ownerName).toBe("O'Brien & Co");
    expect(opml.body!.outlines![0]).toMatchObject({ text: title, title, description: 'Quotes " and <tags> & more' });
  });

  it("has the site's feed alone, and no empty Tags folder, when no paper has a tag", () => {
    const papers = syntheticPapers(2).map((p) => ({ ...p, tags: [] }));
    const opml = parseOpml(renderOpml(buildSiteModel(config("T"), papers), themeLocale()).contents as string);
    expect(opml.body!.outlines!.map((o) => o.text)).toEqual(["T"]);
  });
});
