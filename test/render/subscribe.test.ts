// The subscribe page, the newsletter sign-up setting and the e-mail digests.
import path from "node:path";
import { parse, serializeOuter, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../scripts/content/config.ts";
import { listFeeds } from "../../scripts/render/feeds.ts";
import { renderBody } from "../../scripts/content/markdown.ts";
import { mailParagraphs } from "../../scripts/render/newsletter.ts";
import { buildSiteModel } from "../../scripts/site/model.ts";
import { addressParts, subscribeView } from "../../scripts/render/subscribe.ts";
import { buildSite, FIXTURES, textOf } from "../support/helpers.ts";
import { syntheticConfig, syntheticPapers } from "../support/synthetic.ts";
import { themeLocale } from "../support/locale.ts";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

function elements(html: string): Element[] {
  const found: Element[] = [];
  const walk = (node: Node) => {
    if ("tagName" in node) found.push(node);
    if ("childNodes" in node) node.childNodes.forEach(walk);
  };
  walk(parse(html) as unknown as Node);
  return found;
}
const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;

describe("the subscribe page", async () => {
  const result = await buildSite(path.join(FIXTURES, "basic"));
  const html = textOf(result, "subscribe/index.html");
  const all = elements(html);

  it("lists the site's feeds and the OPML list with their absolute addresses and a copy button each", () => {
    const buttons = all.filter((e) => e.tagName === "button" && attr(e, "data-copy"));
    expect(buttons.map((b) => attr(b, "data-copy"))).toEqual([
      "https://example.org/digest/feed.xml",
      "https://example.org/digest/atom.xml",
      "https://example.org/digest/feed.json",
      "https://example.org/digest/feeds.opml",
    ]);
    // Every listed address is a file the build wrote.
    for (const button of buttons) {
      const file = attr(button, "data-copy")!.replace("https://example.org/digest/", "");
      expect(result.files!.map((f) => f.path)).toContain(file);
    }
    // The buttons do nothing without JavaScript, so they start hidden and site.js shows them.
    expect(buttons.every((b) => attr(b, "hidden") !== undefined && attr(b, "type") === "button")).toBe(true);
  });

  it("gives each tag one row, linking its page and its feeds, and prints no tag feed's address", () => {
    const list = all.find((e) => e.tagName === "ul" && attr(e, "class") === "tag-feeds")!;
    const rows = list.childNodes.filter((n): n is Element => "tagName" in n && n.tagName === "li");
    expect(rows).toHaveLength(5);
    const links = (row: Element) =>
      elements(serializeOuter(row))
        .filter((e) => e.tagName === "a")
        .map((a) => attr(a, "href"));
    expect(rows.map(links)).toEqual(
      ["efficiency", "llm", "multilingual", "physics", "theory"].map((tag) => [
        `/digest/tags/${tag}/`,
        `/digest/tags/${tag}/feed.xml`,
        `/digest/tags/${tag}/atom.xml`,
      ]),
    );
    for (const href of rows.flatMap(links)) expect(result.files!.map((f) => f.path)).toContain(href!.replace("/digest/", "").replace(/\/$/, "/index.html"));
    expect(html).not.toContain("https://example.org/digest/tags/");
    // The whole feed list: three site feeds and the OPML list, then the tags' rows.
    expect(
      all.filter(
        (e) => e.tagName === "li" && e.parentNode && "tagName" in e.parentNode && /feed-list|tag-feeds/.test(attr(e.parentNode as Element, "class") ?? ""),
      ),
    ).toHaveLength(4 + 5);
  });

  it("prints addresses with a break opportunity after each slash, between parts that never wrap", () => {
    const parts = (...p: string[]) => p.map((part) => `<span>${part}</span>`).join("<wbr>");
    expect(html).toContain(`<a class="feed-url" href="/digest/feed.xml">${parts("https://", "example.org/", "digest/", "feed.xml")}</a>`);
    expect(html).toContain(`<a class="feed-url" href="/digest/feeds.opml">${parts("https://", "example.org/", "digest/", "feeds.opml")}</a>`);
    expect(html).toContain(`<code class="address">${parts("https://", "example.org/", "digest/", "newsletter/", "YYYY-MM-DD.html")}</code>`);
    expect(addressParts("https://example.org/digest/tags/llm/feed.xml")).toEqual(["https://", "example.org/", "digest/", "tags/", "llm/", "feed.xml"]);
    expect(addressParts("https://example.org/")).toEqual(["https://", "example.org/"]);
  });

  it("is driven by listFeeds, so feed sets added there are listed too", () => {
    const model = buildSiteModel(syntheticConfig(), syntheticPapers(3));
    const view = subscribeView(model, themeLocale());
    const links = listFeeds(model, themeLocale());
    expect(view.feeds.formats.map((f) => f.url)).toEqual(links.filter((l) => !l.tag).map((l) => l.url));
    expect(view.feeds.tags.map((t) => t.label)).toEqual(model.tags.map((t) => t.name));
    expect(view.feeds.tags.flatMap((t) => t.formats.map((f) => f.href))).toEqual(links.filter((l) => l.tag).map((l) => l.href));
  });

  it("lets readers discover the OPML list from its head, as the home page does", () => {
    const outline = '<link rel="outline" type="text/x-opml" title="Fixture Digest: every feed (OPML)" href="/digest/feeds.opml">';
    for (const page of ["subscribe/index.html", "index.html"]) {
      const text = textOf(result, page);
      expect(text.slice(0, text.indexOf("</head>")), page).toContain(outline);
    }
    expect(textOf(result, "papers/2501.01230/index.html")).not.toContain('rel="outline"');
  });

  it("explains feed readers and links the e-mail digests of the latest day and week", () => {
    expect(html).toContain("A feed reader is an app or website");
    expect(html).toContain('href="/digest/newsletter/2025-01-13.html"');
    expect(html).toContain('href="/digest/newsletter/2025-W03.html"');
  });

  it("shows the configured newsletter sign-up form, posting the address under the provider's field name", () => {
    const form = all.find((e) => e.tagName === "form" && attr(e, "class") === "newsletter-form")!;
    expect(attr(form, "action")).toBe("https://newsletter.example.org/subscribe");
    expect(attr(form, "method")).toBe("post");
    const input = all.find((e) => e.tagName === "input" && attr(e, "type") === "email")!;
    expect(attr(input, "name")).toBe("email");
    expect(all.find((e) => e.tagName === "label" && attr(e, "for") === attr(input, "id"))).toBeDefined();
  });

  it("has no sign-up form when none is configured", () => {
    const model = buildSiteModel(syntheticConfig(), syntheticPapers(3));
    expect("newsletter" in subscribeView(model, themeLocale())).toBe(false);
  });
});

describe("the newsletter setting", () => {
  const base = "title: T\ndescription: D\nurl: https://example.org/\nauthor:\n  name: A\n";
  const problems = (text: string) => parseConfig(base + text).diagnostics.map((d) => `${d.line}: ${d.field}: ${d.message}`);

  it("accepts a provider's http(s) form address and field name", () => {
    expect(parseConfig(`${base}newsletter:\n  action: https://buttondown.com/api/emails/embed-subscribe/x\n  field: email\n`).config!.newsletter).toEqual({
      action: "https://buttondown.com/api/emails/embed-subscribe/x",
      field: "email",
    });
  });

  it("refuses a javascript: action, a field name with spaces, and unknown keys, each with its line", () => {
    expect(problems("newsletter:\n  action: javascript:alert(1)\n  field: my email\n  list: x\n")).toEqual([
      "7: newsletter.action: only http(s) links are allowed, got a javascript: URL",
      "8: newsletter.field: is not a form field name (expected letters, digits, _ - . [ ], e.g. email or EMAIL)",
      '9: newsletter.list: "list" is not a known setting',
    ]);
  });
});

describe("the e-mail digests", async () => {
  const result = await buildSite(path.join(FIXTURES, "basic"));
  const digests = result.files!.filter((f) => f.path.startsWith("newsletter/")).map((f) => f.path);

  it("exist for every day and every week", () => {
    expect(digests).toEqual([
      "newsletter/2025-01-06.html",
      "newsletter/2025-01-07.html",
      "newsletter/2025-01-13.html",
      "newsletter/2025-W02.html",
      "newsletter/2025-W03.html",
    ]);
  });

  it("use only absolute http(s) links, inline styles and tables: no stylesheet, no script, no class", () => {
    for (const file of digests) {
      const all = elements(textOf(result, file));
      const urls = all.flatMap((e) => e.attrs.filter((a) => a.name === "href" || a.name === "src").map((a) => a.value));
      expect(urls.length, file).toBeGreaterThan(3);
      expect(
        urls.filter((u) => !/^https?:\/\//.test(u)),
        file,
      ).toEqual([]);
      expect(
        all.filter((e) => ["script", "style", "link"].includes(e.tagName)),
        file,
      ).toEqual([]);
      expect(
        all.filter((e) => attr(e, "class") !== undefined),
        file,
      ).toEqual([]);
      expect(all.some((e) => e.tagName === "table")).toBe(true);
    }
  });

  it("write summaries as plain paragraphs, each formula as its TeX between dollars", () => {
    const { body } = renderBody("Up to $56\\times$ lower, and $a < b$ & **bold**.\n\n$$\n\\sqrt{d}\n$$\n\n- one\n- two `x<y`\n");
    expect(mailParagraphs(body.html)).toEqual(["Up to $56\\times$ lower, and $a < b$ & bold.", "$$\\sqrt{d}$$", "• one", "• two x<y"]);
    expect(textOf(result, "newsletter/2025-01-06.html")).toContain("with a $3.2\\times$ speed-up.</p>");
  });

  it("group a week's papers by day and carry each paper's title, authors, summary and links", () => {
    const week = textOf(result, "newsletter/2025-W02.html");
    expect(week).toContain("Week 2, 2025");
    expect(week).toContain(">Monday, January 6</a></h2>");
    expect(week).toContain(">Tuesday, January 7</a></h2>");
    expect(week).toContain('<a href="https://example.org/digest/papers/2501.01230/"');
    expect(week).toContain("Ada Lovelace, Alan Turing");
    expect(week).toContain("https://arxiv.org/abs/2501.01230");
    expect(week).toContain("<h3 ");
    // A day's digest has no day headings, so its papers are the second level, with no level skipped.
    const day = textOf(result, "newsletter/2025-01-13.html");
    expect(day).not.toContain("<h3");
    expect(day).toContain(">Web-Only Report &lt;b&gt;not bold&lt;/b&gt;</a></h2>");
    // Contributed text stays text in mail too.
    expect(day).toContain("Web-Only Report &lt;b&gt;not bold&lt;/b&gt;");
    expect(day).not.toContain("<script>");
  });
});
