// Regression tests for the bugs the hardening suite found (issue 6), one block
// per fix, each at the smallest scale that shows it.
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildSite, findExecutable, paperFile, siteWith, textOf } from "./helpers.ts";
import { xmlProblems } from "./validators.ts";

describe("feeds carry contributed text safely", () => {
  it("stay well-formed when a summary contains ]]> more than once, and never carry its raw HTML as markup", async () => {
    const body = "Raw <script>alert(1)</script> and ]]> once, ]]> twice.\n\n`code ]]> here`";
    const root = await siteWith({ "content/papers/2025-10-06/cdata.md": paperFile({}, body) });
    const result = await buildSite(root);
    expect(result.diagnostics).toEqual([]);
    const rss = textOf(result, "feed.xml");
    const atom = textOf(result, "atom.xml");
    expect(await xmlProblems({ "feed.xml": rss, "atom.xml": atom })).toBe("");

    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
    const item = parser.parse(rss).rss.channel.item;
    const entry = parser.parse(atom).feed.entry;
    // RSS readers and Atom's type="html" read these as HTML: the script must be text there.
    for (const html of [item.description, item["content:encoded"], entry.summary["#text"], entry.content["#text"]]) {
      expect(typeof html).toBe("string");
      expect(findExecutable(html)).toEqual([]);
    }
    expect(item.description).toContain("&#60;script&#62;");
    expect(entry.content["#text"]).toContain("code ]]&gt; here");
    // JSON Feed's summary is plain text by definition, so it keeps the characters as typed.
    expect(JSON.parse(textOf(result, "feed.json")).items[0].summary).toContain("<script>alert(1)</script>");
  });
});
