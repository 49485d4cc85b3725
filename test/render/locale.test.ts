// The site speaks its configured language: the locale files agree on their
// keys, counts and numbers follow the language's rules, a template or a
// locale file that names a string no one has fails the build with its file
// and line, and a German site built from a fixture shows no English.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { placeholders, type Message } from "../../scripts/render/locale.ts";
import type { BuildResult } from "../../scripts/commands/build.ts";
import { buildSite, copyFixture, THEME, writeFiles } from "../support/helpers.ts";
import { germanDigest, themeLocale } from "../support/locale.ts";

const LOCALES = path.join(THEME, "locales");
const readLocale = async (language: string) => JSON.parse(await readFile(path.join(LOCALES, `${language}.json`), "utf8")) as Record<string, Message>;

describe("the shipped locale files", () => {
  it("English and German have the same keys, and German uses only the placeholders English gives", async () => {
    const [en, de] = [await readLocale("en"), await readLocale("de")];
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(
        [...placeholders(de[key]!)].filter((name) => !placeholders(en[key]!).has(name)),
        key,
      ).toEqual([]);
      // A string that counts in one language counts in the other.
      expect(typeof de[key], key).toBe(typeof en[key]);
    }
  });

  it("the theme ships exactly en and de", async () => {
    expect((await readdir(LOCALES)).sort()).toEqual(["de.json", "en.json"]);
  });
});

describe("counts and numbers", () => {
  it("choose the plural form by the language's rules and group digits its way", () => {
    const en = themeLocale("en");
    const de = themeLocale("de");
    expect([1, 2, 1234].map((count) => en.text("count.papers", { count }))).toEqual(["1 paper", "2 papers", "1,234 papers"]);
    expect([1, 2, 1234].map((count) => de.text("count.papers", { count }))).toEqual(["1 Paper", "2 Papers", "1.234 Papers"]);
    expect(de.text("count.days", { count: 3 })).toBe("3 Tagen");
  });

  it("leaves a year as written (never 2,025) and escapes text values but not safe HTML", () => {
    const en = themeLocale("en");
    expect(en.text("week.label", { number: 41, year: "2025" })).toBe("Week 41, 2025");
    const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    expect(en.html("day.partOf", { week: "<b>", month: { toHTML: () => "<a>M</a>" } }, escape)).toBe("Part of &lt;b> and <a>M</a>.");
  });

  it("a regional tag takes its language's strings and keeps its region for dates", () => {
    const at = themeLocale("de-AT");
    expect(at.language).toBe("de-AT");
    expect(at.text("nav.archive")).toBe("Archiv");
  });
});

type Node = DefaultTreeAdapterMap["childNode"] | DefaultTreeAdapterMap["document"];

/** A page's visible text and its readable attributes, without scripts, styles and BibTeX (data, not words). */
function interfaceText(html: string, paperPage: boolean): string[] {
  const texts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeName === "#text") texts.push((node as DefaultTreeAdapterMap["textNode"]).value);
    if (!("childNodes" in node)) return;
    if ("attrs" in node) {
      for (const attr of node.attrs) {
        if (["aria-label", "title", "alt", "placeholder", "data-copied", "data-copy-failed"].includes(attr.name)) texts.push(attr.value);
      }
      // A paper page's description is its summary's opening: contributor text.
      const meta = node.nodeName === "meta" && node.attrs.find((a) => a.name === "name" && a.value === "description");
      if (meta && !paperPage) texts.push(node.attrs.find((a) => a.name === "content")?.value ?? "");
      if (["script", "style", "pre", "code"].includes(node.nodeName)) return;
    }
    const children = node.nodeName === "template" ? [] : node.childNodes;
    for (const child of children) visit(child as Node);
  };
  visit(parse(html));
  return texts.map((t) => t.replace(/\s+/g, " ").trim()).filter(Boolean);
}

/** The words of English's strings that German's do not share: any of them on a German page is untranslated. */
async function englishOnlyFragments(): Promise<string[]> {
  const [en, de] = [await readLocale("en"), await readLocale("de")];
  const forms = (message: Message) => (typeof message === "string" ? [message] : Object.values(message).filter((v): v is string => typeof v === "string"));
  const german = Object.values(de).flatMap(forms).join("\n");
  const fragments = new Set<string>();
  for (const key of Object.keys(en)) {
    if (JSON.stringify(en[key]) === JSON.stringify(de[key])) continue;
    for (const text of forms(en[key]!)) {
      for (const piece of text.split(/\{[A-Za-z0-9]+\}/)) {
        const fragment = piece.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, "");
        if (/\p{L}{2}/u.test(fragment) && !german.includes(fragment)) fragments.add(fragment);
      }
    }
  }
  return [...fragments];
}

function textFile(result: BuildResult, file: string): string {
  const found = result.files!.find((f) => f.path === file);
  if (!found) throw new Error(`no ${file} in the build`);
  return typeof found.contents === "string" ? found.contents : Buffer.from(found.contents).toString("utf8");
}

describe("a German site", async () => {
  const root = await germanDigest("file");
  const result = await buildSite(root);

  it("builds without problems", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.notices).toEqual([]);
  });

  it("shows no English interface text on any page, in any attribute a reader meets, or in its feeds' titles", async () => {
    const fragments = await englishOnlyFragments();
    expect(fragments.length).toBeGreaterThan(50);
    const patterns = fragments.map((fragment) => ({
      fragment,
      pattern: new RegExp(`(?<!\\p{L})${fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?!\\p{L})`, "u"),
    }));
    const found: string[] = [];
    const pages = result.files!.filter((f) => f.path.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(20);
    for (const page of pages) {
      for (const text of interfaceText(textFile(result, page.path), page.path.startsWith("papers/"))) {
        for (const { fragment, pattern } of patterns) if (pattern.test(text)) found.push(`${page.path}: "${fragment}" in "${text}"`);
      }
    }
    const feeds = result.files!.filter((f) => /(^|\/)(feed|atom)\.xml$/.test(f.path));
    expect(feeds.length).toBeGreaterThan(4);
    for (const feed of feeds) {
      const xml = textFile(result, feed.path);
      // The feed's own title and description, before its first item.
      const head = xml.split(/<item>|<entry>/)[0]!;
      const texts = [...head.matchAll(/<(title|description|subtitle)>([^<]*)<\//g)].map((m) => m[2]!);
      for (const text of texts) for (const { fragment, pattern } of patterns) if (pattern.test(text)) found.push(`${feed.path}: "${fragment}" in "${text}"`);
    }
    expect(found).toEqual([]);
  });

  it("writes its dates and counts in German", () => {
    const home = textFile(result, "index.html");
    expect(home).toContain('<html lang="de">');
    expect(home).toContain("1. Dezember 2025");
    expect(home).toMatch(/10 Papers, der neueste Tag von Lesekreis\./);
    const day = textFile(result, "days/2025-11-28/index.html");
    expect(day).toContain("4 Papers.");
    expect(day).toContain("28. November 2025");
    const week = result.files!.map((f) => f.path).find((p) => /^weeks\/2025-W49\/index\.html$/.test(p))!;
    expect(textFile(result, week)).toContain("KW 49/2025");
    expect(textFile(result, "search/index.html")).toContain('"none":"Kein Paper passt zu „{query}“. Versuchen Sie weniger oder kürzere Wörter."');
    expect(textFile(result, "tags/feed.xml".replace("tags/", "tags/llm/"))).toContain(
      "<description>Papers mit dem Schlagwort llm in Lesekreis, die neuesten zuerst.</description>",
    );
  });
});

describe("languages a site adds or changes", () => {
  it("a language with no locale file is a configuration error naming the languages there are", async () => {
    const root = await copyFixture("digest");
    const config = path.join(root, "paperboy.config.yaml");
    await writeFile(config, (await readFile(config, "utf8")).replace("language: en", "language: fr-CA"));
    const { diagnostics } = await buildSite(root);
    expect(diagnostics.map((d) => `${d.file}:${d.line}: ${d.field}: ${d.message}\n  fix: ${d.fix}`)).toEqual([
      'paperboy.config.yaml:9: language: Paperboy has no interface strings for "fr-CA" (it has de, en)\n  fix: set language to one of de, en, or add templates/locales/fr.json, a translation of scripts/theme/locales/en.json (docs/site.md#languages)',
    ]);
  });

  it("a fork adds a language in templates/locales/; what it leaves out shows in English, with a note", async () => {
    const root = await copyFixture("digest");
    const config = path.join(root, "paperboy.config.yaml");
    await writeFile(config, (await readFile(config, "utf8")).replace("language: en", "language: fr"));
    await writeFiles(root, {
      "templates/locales/fr.json": JSON.stringify({ "nav.archive": "Archives", "count.papers": { one: "{count} article", other: "{count} articles" } }),
    });
    const result = await buildSite(root);
    expect(result.diagnostics).toEqual([]);
    const home = textFile(result, "index.html");
    expect(home).toContain(">Archives</a>");
    expect(home).toContain("10 articles");
    expect(home).toContain(">Subscribe</a>");
    expect(result.notices).toEqual([expect.stringMatching(/^templates\/locales\/fr\.json has no translations for .* and \d+ more; they show in English$/)]);
  });

  it("a fork overrides one string of a shipped language, keeping the rest", async () => {
    const root = await copyFixture("digest");
    await writeFiles(root, { "templates/locales/en.json": JSON.stringify({ "nav.latest": "Today" }) });
    const home = textFile(await buildSite(root), "index.html");
    expect(home).toContain(">Today</a>");
    expect(home).toContain(">Archive</a>");
  });

  it("a template naming an unknown string fails the build with its file and line, and a near key", async () => {
    const root = await copyFixture("digest");
    await writeFiles(root, { "templates/partials/site-footer.hbs": '<footer>\n  <p>{{t "footer.folow"}}</p>\n  <p>{{t "day.lede"}}</p>\n</footer>\n' });
    const { diagnostics } = await buildSite(root);
    expect(diagnostics.map((d) => `${d.file}:${d.line}: ${d.rule}: ${d.message}`)).toEqual([
      'templates/partials/site-footer.hbs:2: template/string: {{t "footer.folow"}}: there is no interface string "footer.folow" (did you mean "footer.follow"?)',
      'templates/partials/site-footer.hbs:3: template/string: {{t "day.lede"}} leaves out papers=…, which the string needs',
    ]);
  });

  it("a locale file with a key English lacks or a placeholder English does not give is named with its line", async () => {
    const root = await copyFixture("digest");
    await writeFiles(root, { "templates/locales/de.json": '{\n  "nav.archiv": "Archiv",\n  "nav.latest": "Neu {date}"\n}\n' });
    const { diagnostics } = await buildSite(root);
    expect(diagnostics.map((d) => `${d.file}:${d.line}: ${d.rule}: ${d.message}`)).toEqual([
      'templates/locales/de.json:2: template/locale: "nav.archiv" is not an interface string (did you mean "nav.archive"?)',
      'templates/locales/de.json:3: template/locale: "nav.latest" uses {date}, which the English string does not give',
    ]);
  });
});
