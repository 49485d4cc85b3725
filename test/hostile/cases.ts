// The hostile corpus: paper files a contributor could send, each with the outcome
// the build must give. Either the case is neutralised (the site builds, and no
// executable markup from it reaches any page or feed) or it is refused with
// exactly the listed problems, each `file:line rule` (line 0: the whole file).
//
// Each case is test/hostile/<name>.md, byte for byte (see .gitattributes), except
// where a size git should not carry is generated, or a symbolic link is made at
// run time (git does not carry links portably).
import { mkdir, readFile, rmdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HOSTILE = path.dirname(fileURLToPath(import.meta.url));

/** What the build must do with a case. */
export type Outcome = { neutralised: { shows?: string[] } } | { errors: string[] };

/** One hostile contribution. */
export interface HostileCase {
  /** Its name, and its file `test/hostile/<name>.md` unless `generate` makes the text. */
  name: string;
  /** Where it lands under `content/papers/` (default `2025-10-06/<name>.md`). */
  at?: string;
  /** Text made at run time instead of a committed file. */
  generate?: () => string;
  /** More papers the case needs: place under content/papers → file under test/hostile. */
  with?: Record<string, string>;
  /** A symbolic link to make at run time, pointing out of content/ at the case's own file. */
  link?: "file" | "day" | "papers";
  expect: Outcome;
}

const DAY = "content/papers/2025-10-06";
const at = (name: string, line: number, rule: string) => `${DAY}/${name}.md:${line} ${rule}`;

const paper = (title: string, authors: string[], arxiv: string, body: string) =>
  `---\ntitle: ${title}\nauthors:\n${authors.map((a) => `  - ${a}\n`).join("")}arxiv: "${arxiv}"\n---\n${body}\n`;

/** unicode-text.md's title as the site shows it: one-line fields are put in Unicode NFC (U+0343 becomes U+0313). */
export const UNICODE_TITLE = "نموذج لغوي كبير — שלום עולם: Zalgo Z\u0351\u036b\u0343\u036a\u0302 and e\u0301 with 😀 👩🏽‍🔬 🇺🇳".normalize("NFC");

/** Every case. Neutralised cases have distinct arXiv ids so that they can be built together. */
export const CASES: HostileCase[] = [
  // Markup in the body, title and authors is shown as text.
  { name: "script-in-body", expect: { neutralised: { shows: ["Before <script>alert(document.cookie)</script> after.", "<SCRIPT>alert(1)</SCRIPT>"] } } },
  { name: "iframe-in-body", expect: { neutralised: { shows: ['<iframe src="javascript:alert(1)"></iframe>'] } } },
  { name: "svg-onload-in-body", expect: { neutralised: { shows: ["<svg onload=alert(1)>"] } } },
  { name: "img-onerror-in-body", expect: { neutralised: { shows: ["<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">click</a>'] } } },
  { name: "html-in-title", expect: { neutralised: { shows: ["<img src=x onerror=alert(1)><b>Bold</b> &amp; </title><script>alert(1)</script>"] } } },
  { name: "html-in-authors", expect: { neutralised: { shows: ["<script>alert(1)</script>", "</bdi><img src=x onerror=alert(1)>", "Ada & <b>Co</b>", '"><svg onload=alert(1)>'] } } },
  { name: "handlebars-text", expect: { neutralised: { shows: ["{{constructor.constructor('alert(1)')()}} {{{site.title}}}", "{{{x}}}", "{{> site-header}}", "{{> partial}}", "{{!-- a comment --}}"] } } },
  { name: "entity-tricks", expect: { neutralised: { shows: ["<script>alert(1)</script> and <img src=x onerror=alert(1)>", "<?php system('id'); ?>"] } } },
  { name: "dangerous-elements", expect: { neutralised: { shows: ['<base href="https://evil.example/">'] } } },
  { name: "link-breakout", expect: { neutralised: {} } },
  { name: "feed-breakers", expect: { neutralised: { shows: ["]]> <![CDATA[ a title that ends CDATA ]]>", "]]> once, ]]> twice"] } } },
  { name: "latex-specials", expect: { neutralised: {} } },
  // Text in any script must come out exactly as typed (after Unicode NFC for one-line fields).
  {
    name: "unicode-text",
    expect: { neutralised: { shows: [UNICODE_TITLE, "محمد الخوارزمي", "דוד בן־גוריון", "Zoë Kálmán", "李飞飞 👩🏽‍🔬", "👨‍👩‍👧‍👦"] } },
  },
  { name: "bom-crlf", expect: { neutralised: { shows: ["Byte-order mark and CRLF line ends", "Saved by an editor on Windows"] } } },
  {
    name: "many-authors",
    generate: () => paper("Five thousand authors", Array.from({ length: 5000 }, (_, i) => `Author ${i + 1}`), "2509.00015", "A collaboration paper with the most authors allowed."),
    expect: { neutralised: { shows: ["Author 1", "Author 5000"] } },
  },

  // Links that are not http(s), in the body and in the front matter.
  {
    name: "js-links-body",
    expect: { errors: [7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 22].map((line) => at("js-links-body", line, "body/link")) },
  },
  {
    name: "js-links-front-matter",
    expect: { errors: [6, 8, 9, 10, 11, 12, 13].map((line) => at("js-links-front-matter", line, "schema/" + (line === 6 ? "url" : "links"))) },
  },
  { name: "tab-escape-link", expect: { errors: [at("tab-escape-link", 7, "yaml/escape")] } },
  { name: "link-breakout-front-matter", expect: { errors: [at("link-breakout-front-matter", 6, "schema/url"), ...[8, 9, 10, 11].map((line) => at("link-breakout-front-matter", line, "schema/links"))] } },
  { name: "absolute-paths", expect: { errors: [at("absolute-paths", 6, "schema/url"), at("absolute-paths", 8, "schema/links"), at("absolute-paths", 9, "schema/links"), at("absolute-paths", 11, "body/link")] } },
  { name: "images", expect: { errors: [9, 11, 13].map((line) => at("images", line, "body/image")) } },

  // Tags are slugs: markup, invisible characters and paths are refused.
  { name: "html-in-tags", expect: { errors: [7, 8, 9, 10, 11, 12].map((line) => at("html-in-tags", line, "schema/tags")) } },

  // Slugs, folders and ids that would leave content/ or dist/.
  { name: "zero-width-slug", at: "2025-10-06/zero\u200Bwidth.md", expect: { errors: [`${DAY}/zero\u200Bwidth.md:0 content/bad-slug`] } },
  { name: "bidi-slug", at: "2025-10-06/evil\u202Egpj.md", expect: { errors: [`${DAY}/evil\u202Egpj.md:0 content/bad-slug`] } },
  { name: "dotted-slug", at: "2025-10-06/a..b.md", expect: { errors: [`${DAY}/a..b.md:0 content/bad-slug`] } },
  { name: "escaping-day-folder", at: "2025-10-06%2F..%2F..%2Fetc/passwd.md", expect: { errors: ["content/papers/2025-10-06%2F..%2F..%2Fetc:0 content/bad-day"] } },
  { name: "arxiv-path-escape", expect: { errors: [at("arxiv-path-escape", 5, "schema/arxiv")] } },
  { name: "symlinked-file", link: "file", expect: { errors: [at("symlinked-file", 0, "content/symlink")] } },
  { name: "symlinked-day", link: "day", expect: { errors: ["content/papers/2025-10-06:0 content/symlink"] } },
  { name: "symlinked-papers", link: "papers", expect: { errors: ["content/papers:0 content/symlink"] } },

  // Characters that pages or feeds cannot carry.
  {
    name: "control-chars-front-matter",
    expect: { errors: [at("control-chars-front-matter", 2, "schema/title"), ...[4, 5, 6, 7].map((line) => at("control-chars-front-matter", line, "schema/authors")), at("control-chars-front-matter", 9, "schema/venue")] },
  },
  { name: "control-chars-body", expect: { errors: [at("control-chars-body", 8, "body/character")] } },
  { name: "lone-surrogate-body", expect: { errors: [at("lone-surrogate-body", 0, "content/not-utf8")] } },
  { name: "not-utf8", expect: { errors: [at("not-utf8", 0, "content/not-utf8")] } },
  { name: "bidi-in-fields", expect: { errors: [at("bidi-in-fields", 2, "schema/title"), at("bidi-in-fields", 4, "schema/authors")] } },

  // Sizes: each limit gives a clear message rather than a slow or broken build.
  { name: "long-title", expect: { errors: [at("long-title", 2, "schema/title")] } },
  { name: "huge-body", generate: () => paper("Two megabytes of summary", ["Mallory"], "2509.00132", "All work and no play. ".repeat(100_000)), expect: { errors: [at("huge-body", 0, "content/too-large")] } },
  { name: "long-body", expect: { errors: [at("long-body", 7, "body/too-long")] } },
  { name: "deep-markdown", expect: { errors: [at("deep-markdown", 9, "body/too-deep")] } },
  {
    name: "too-many-authors",
    generate: () => paper("More authors than allowed", Array.from({ length: 5001 }, (_, i) => `A${i}`), "2509.00133", "A summary."),
    expect: { errors: [at("too-many-authors", 3, "schema/authors")] },
  },
  { name: "too-many-tags", expect: { errors: [at("too-many-tags", 6, "schema/tags")] } },

  // Math that asks for trust or never ends.
  { name: "latex-trust", expect: { errors: [7, 9, 11, 13].map((line) => at("latex-trust", line, "body/math-command")) } },
  { name: "latex-macro-bomb", expect: { errors: [at("latex-macro-bomb", 7, "body/math"), at("latex-macro-bomb", 9, "body/math")] } },

  // Front matter that is not what it should be.
  { name: "yaml-alias-bomb", expect: { errors: [at("yaml-alias-bomb", 5, "yaml/alias")] } },
  { name: "deep-yaml", expect: { errors: [at("deep-yaml", 6, "yaml/too-deep")] } },
  { name: "duplicate-keys", expect: { errors: [at("duplicate-keys", 6, "yaml/duplicate-field")] } },
  { name: "not-mapping-list", expect: { errors: [at("not-mapping-list", 2, "yaml/not-mapping")] } },
  { name: "not-mapping-scalar", expect: { errors: [at("not-mapping-scalar", 2, "yaml/not-mapping")] } },
  { name: "empty", expect: { errors: [at("empty", 1, "front-matter/missing")] } },
  { name: "js-front-matter", expect: { errors: [at("js-front-matter", 1, "front-matter/not-yaml")] } },
  { name: "prototype-keys", expect: { errors: [at("prototype-keys", 6, "schema/unknown-field"), at("prototype-keys", 8, "schema/unknown-field"), at("prototype-keys", 12, "schema/links")] } },

  // The same paper on two days (v2 the second time).
  {
    name: "duplicate-first",
    with: { "2025-10-13/duplicate-again.md": "duplicate-again.md" },
    expect: { errors: ["content/papers/2025-10-13/duplicate-again.md:5 content/duplicate-paper"] },
  },
];

/** The cases a build must neutralise. */
export const NEUTRALISED = CASES.filter((c) => "neutralised" in c.expect);
/** The cases a build must refuse. */
export const REFUSED = CASES.filter((c) => "errors" in c.expect);

/** A site configuration whose feeds carry every paper, so each case reaches them. */
export const HOSTILE_CONFIG = `title: Hostile Digest
description: Contributions that try to break the site.
url: https://example.org/digest/
language: en
author:
  name: Hardening Suite
feed:
  items: 1000
`;

/** The case's text, as committed or generated. */
export async function caseText(c: HostileCase): Promise<string | Buffer> {
  return c.generate ? c.generate() : readFile(path.join(HOSTILE, `${c.name}.md`));
}

/**
 * Lays cases out as a site under `root`, with `outside` as a folder beyond
 * content/ for the link cases to point at.
 */
export async function writeHostileSite(root: string, cases: readonly HostileCase[], outside: string): Promise<void> {
  await mkdir(path.join(root, "content", "papers"), { recursive: true });
  await writeFile(path.join(root, "paperboy.config.yaml"), HOSTILE_CONFIG);
  const put = async (dir: string, file: string, text: string | Buffer) => {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  };
  for (const c of cases) {
    const file = c.at ?? `2025-10-06/${c.name}.md`;
    const text = await caseText(c);
    const papers = path.join(root, "content", "papers");
    if (c.link) {
      // The real paper lives outside content/; a link inside content/ points at it.
      await put(path.join(outside, "papers"), file, text);
      const linked = c.link === "file" ? file : c.link === "day" ? path.dirname(file) : ".";
      if (c.link === "papers") await rmdir(papers);
      else await mkdir(path.dirname(path.join(papers, linked)), { recursive: true });
      await symlink(path.join(outside, "papers", linked), path.join(papers, linked));
      continue;
    }
    await put(papers, file, text);
    for (const [place, source] of Object.entries(c.with ?? {})) await put(papers, place, await readFile(path.join(HOSTILE, source)));
  }
}
