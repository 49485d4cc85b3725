// Every rule a diagnostic can name, in one place: its permanent id, a title, what
// it means and how to fix it in general. The message where a problem is found
// stays specific ("link to "javascript:…" refused: …"); this is the reference
// behind it, and docs/errors.md is generated from it (`npm run docs`).
//
// An id is permanent: CI annotations, tests and people's searches name it. Add a
// rule with one entry here (the compiler then accepts its id in `Diagnostic.rule`)
// and run `npm run docs`; never rename an id or give it a second meaning.
//
// A leaf module with no imports: `types.ts` names its id union, so every stage
// can, and the architecture test ranks this file with `types.ts`.

/** What the reference says about one rule. */
export interface RuleInfo {
  /** A few words naming the problem, used as its heading in the reference. */
  title: string;
  /** What the rule checks, and why the digest refuses it. */
  means: string;
  /** How to fix it in general; the message itself says what to do in the case at hand. */
  fix: string;
}

/** The families rules are grouped in, in the order of the pipeline, each with the input it covers. */
export const FAMILIES = {
  content: {
    title: "Content layout",
    about:
      "Where paper files live and what they may be. Every paper is one file, `content/papers/YYYY-MM-DD/<slug>.md`; these rules are checked before a file is read, and for duplicates once every paper is known.",
  },
  "front-matter": {
    title: "Front matter",
    about: "The block of fields between two `---` lines at the top of a paper file.",
  },
  yaml: {
    title: "YAML",
    about:
      "The YAML of a paper's front matter and of `paperboy.config.yaml`, read with the line of every field. Only what a digest needs is accepted: no aliases, no repeated keys, no deep nesting.",
  },
  schema: {
    title: "Paper fields",
    about:
      "Each front-matter field of a paper, checked on its own so that one run reports every problem. The content reference, docs/content.md, describes every field.",
  },
  body: {
    title: "Summary (Markdown and math)",
    about: "The Markdown below the front matter: the paper's summary. The `body/math` rules also cover inline math in the title.",
  },
  config: {
    title: "Site configuration",
    about: "`paperboy.config.yaml` and the `SITE_URL` environment variable. docs/configuration.md describes every setting.",
  },
  template: {
    title: "Templates",
    about: "The Handlebars templates: the theme in `scripts/theme/`, overridden file by file from the site's `templates/`.",
  },
  check: {
    title: "`npm run check <files>`",
    about: "Problems with the files named to `npm run check`, before any of them is read as a paper.",
  },
} as const satisfies Record<string, { title: string; about: string }>;

/** A family of rules: the part of an id before its `/`. */
export type RuleFamily = keyof typeof FAMILIES;

/** Every rule, by id, grouped by family in the order the reference lists them. */
export const RULES = {
  // Content layout
  "content/missing-folder": {
    title: "No papers folder",
    means: "The build reads papers from `content/papers/`, and that folder does not exist.",
    fix: "Create `content/papers/YYYY-MM-DD/` and put one Markdown file per paper in it.",
  },
  "content/symlink": {
    title: "Symbolic link in the content",
    means:
      "`content/`, `content/papers/`, a day folder or a paper file is a symbolic link. Git carries links, and following one would let a pull request make the build read files outside the repository, so links are refused wherever they are.",
    fix: "Replace the link with the real folder or file.",
  },
  "content/stray-file": {
    title: "File outside a day folder",
    means: "A file sits directly in `content/papers/`. Papers live in a folder named after the day they are listed on.",
    fix: "Move it into `content/papers/YYYY-MM-DD/`.",
  },
  "content/bad-day": {
    title: "Day folder that is not a date",
    means: "A folder in `content/papers/` is not named as a real calendar date `YYYY-MM-DD` (`2025-10-06`); `2025-02-30` looks like one but is not.",
    fix: "Name each day folder after the day its papers are listed, e.g. `2025-10-06`.",
  },
  "content/stray-folder": {
    title: "Folder inside a day folder",
    means: "A day folder holds paper files only; a folder inside it would never be read.",
    fix: "Move the papers inside it up into the day folder, and delete the empty folder.",
  },
  "content/not-markdown": {
    title: "File that is not Markdown",
    means: "A day folder holds a file whose name does not end in `.md`. Every file there is taken for a paper, so anything else would be silently left out.",
    fix: "Rename it to end in `.md` if it is a paper, or move it out of `content/papers/`.",
  },
  "content/bad-slug": {
    title: "File name that is not a slug",
    means: "A paper's file name (without `.md`) is its slug, part of page addresses: lowercase letters, digits and single hyphens, such as `chain-of-experts`.",
    fix: "Rename the file as the message suggests.",
  },
  "content/too-large": {
    title: "Paper file too large",
    means: "A paper file is larger than 100 KB. A summary is a few sentences, and the limit keeps pages small and the build fast.",
    fix: "Keep the body to a summary of the paper, not its full text.",
  },
  "content/not-utf8": {
    title: "File that is not UTF-8",
    means: "A paper file is not valid UTF-8 text, so its characters cannot be read for certain.",
    fix: "Save the file with UTF-8 encoding (every modern editor offers it).",
  },
  "content/unreadable": {
    title: "File that cannot be read",
    means: "A paper file exists but the build cannot read it (no permission, or a read error), so nothing in it can be checked.",
    fix: "Make the file readable (check its permissions), or remove it.",
  },
  "content/duplicate-paper": {
    title: "Paper listed twice",
    means:
      "Two files give the same arXiv id (in any version) or the same DOI (in any case). The later file by path is reported, and the message names the other.",
    fix: "A paper is listed once: delete one of the two files.",
  },
  "content/duplicate-route": {
    title: "Two papers on one page address",
    means: "Two papers without an arXiv id have the same slug on different days, so both pages would be `papers/<slug>/`.",
    fix: "Rename one of the two files so that their slugs differ.",
  },

  // Front matter
  "front-matter/missing": {
    title: "No front matter",
    means: "The file is empty, or does not start with a `---` line opening its fields.",
    fix: "Start the file with the fields between two `---` lines, then the summary; the message shows an example.",
  },
  "front-matter/not-yaml": {
    title: "Front matter that is not YAML",
    means:
      "The first line opens another kind of front matter (`---js`, `---json`, `---toml`). Only YAML is read: JavaScript front matter would run code during the build.",
    fix: "Make the first line exactly `---`, and write the fields in YAML.",
  },
  "front-matter/unclosed": {
    title: "Front matter never closed",
    means: "The file opens its fields with `---` but has no second `---` line, so nothing tells the fields from the summary.",
    fix: "Add a line with just `---` after the last field, before the summary.",
  },

  // YAML
  "yaml/syntax": {
    title: "YAML syntax error",
    means:
      "The fields are not valid YAML. Most often a value contains `: ` or starts with a quote, `[`, `{` or `#` and is not in quotes, or a line is indented differently from its neighbours.",
    fix: 'Check the quotes and indentation on the line named; put text containing `: ` in "double quotes".',
  },
  "yaml/duplicate-field": {
    title: "Field given twice",
    means: "The same field appears twice. YAML would keep one of the two silently, so which one you meant is asked instead.",
    fix: "Keep one of the two lines.",
  },
  "yaml/too-deep": {
    title: "YAML nested too deeply",
    means:
      "Lists or fields are nested so deeply that reading them would exhaust the parser. No field of a paper or of the configuration needs more than two levels.",
    fix: "A field holds text or a list of text; only `links` (and a few settings) hold fields of their own.",
  },
  "yaml/empty": {
    title: "No fields",
    means: "The front matter, or the configuration file, is there but holds no fields.",
    fix: "Write the fields; the message shows an example.",
  },
  "yaml/not-mapping": {
    title: "Not a set of fields",
    means: "The YAML is a list or a single value, where `field: value` lines are expected.",
    fix: "Write one `field: value` per line; the message shows an example.",
  },
  "yaml/escape": {
    title: "Backslash read as a control character",
    means:
      'Inside "double quotes", YAML reads `\\t`, `\\f`, `\\n` and a few more as control characters, so LaTeX such as `"$\\theta$"` would lose its backslash and gain a tab.',
    fix: "Use 'single quotes' for text with backslashes, or double each backslash.",
  },
  "yaml/key": {
    title: "Field name that is not text",
    means: "A field's name is a list, a set of fields or another value rather than plain text, so no field of a paper can be named by it.",
    fix: "Write each field as `name: value`, with a plain word as the name (see docs/content.md for the fields).",
  },
  "yaml/alias": {
    title: "YAML alias",
    means:
      'The YAML uses an alias (`*name`). Aliases serve no purpose in a paper or the configuration and allow a few lines to expand into gigabytes ("billion laughs"), so they are refused.',
    fix: "Write the value out in full.",
  },

  // Paper fields
  "schema/unknown-field": {
    title: "Unknown field",
    means: "The front matter has a field the digest does not know, most often a misspelling (`auhtors`), which would otherwise be ignored without a word.",
    fix: "Correct the name as the message suggests, or remove the line; docs/content.md lists every field.",
  },
  "schema/missing-field": {
    title: "Required field missing",
    means: "Every paper needs a `title` and its `authors`.",
    fix: "Add the field; the message shows an example.",
  },
  "schema/missing-identifier": {
    title: "No arxiv, doi or url",
    means: "A paper needs at least one of `arxiv`, `doi` and `url`, so that readers can find it and duplicates can be told apart.",
    fix: "Add its arXiv id, its DOI or its web page.",
  },
  "schema/title": {
    title: "Invalid title",
    means:
      "The title must be text on one line of at most 500 characters, without control characters (which break feeds) or invisible direction controls (which reverse the text shown after the title).",
    fix: "Write the title on one line, in quotes if it contains a colon, and in 'single quotes' if it contains LaTeX.",
  },
  "schema/authors": {
    title: "Invalid authors",
    means:
      "`authors` must be a list of between 1 and 5,000 names, each text of at most 300 characters, without control characters or invisible direction controls.",
    fix: "Write each author on its own line, starting with `- `.",
  },
  "schema/arxiv": {
    title: "Invalid arXiv id",
    means: "`arxiv` must be an arXiv identifier: new style `2510.04567`, pinned to a version `2510.04567v2`, or old style `hep-th/9901001`.",
    fix: "Write the id as arXiv shows it, in quotes.",
  },
  "schema/doi": {
    title: "Invalid DOI",
    means: "`doi` must be a bare DOI: `10.`, a registrant code, `/` and a suffix, such as `10.1145/3292500.3330701`.",
    fix: "Write the DOI without `https://doi.org/` in front of it.",
  },
  "schema/url": {
    title: "Invalid web address",
    means:
      '`url` must be an absolute `http(s)` address. `javascript:`, `data:` and relative addresses are refused, and so are addresses with a user name before an `@`, invisible characters, a second `#`, or characters a web address cannot contain (`"`, `<`, `>`, spaces, …), because front-matter addresses go into pages exactly as typed.',
    fix: "Give the paper's page as a full `https://` address, with special characters percent-encoded (`%20`).",
  },
  "schema/published": {
    title: "Invalid publication date",
    means: "`published` must be a real calendar date written `YYYY-MM-DD`.",
    fix: "Write the date the paper first appeared, e.g. `published: 2025-10-03`.",
  },
  "schema/venue": {
    title: "Invalid venue",
    means: "`venue` must be text on one line of at most 300 characters, without control characters or invisible direction controls.",
    fix: "Write the venue as text, e.g. `venue: NeurIPS 2024`.",
  },
  "schema/tags": {
    title: "Invalid tags",
    means: "`tags` must be a list of at most 12 distinct tags, each lowercase letters, digits and single hyphens (a tag is part of page addresses).",
    fix: "Write each tag on its own line in lowercase with hyphens, such as `large-language-models`.",
  },
  "schema/links": {
    title: "Invalid links",
    means:
      "`links` must be a set of links whose kinds are `code`, `project`, `pdf`, `model`, `dataset`, `data`, `video` or `demo`, each an address that `schema/url` would accept.",
    fix: "Give each link a kind and a full `https://` address, one per line under `links:`.",
  },
  "schema/submitted_by": {
    title: "Invalid GitHub user name",
    means: "`submitted_by` must be a GitHub user name: letters, digits and single hyphens, at most 39 characters.",
    fix: "Write your GitHub user name without the `@`.",
  },
  "schema/draft": {
    title: "Invalid draft flag",
    means: "`draft` must be `true` or `false`.",
    fix: "Write `draft: true` to keep the paper out of the published site, or remove the line.",
  },

  // Summary
  "body/empty": {
    title: "No summary",
    means: "The paper has no text below its front matter. Every listing shows the summary, and the search index reads it.",
    fix: "Write a few sentences about the paper below the closing `---` line.",
  },
  "body/too-large": {
    title: "Summary too large once rendered",
    means:
      "The summary renders to more HTML than a page or a feed may carry for one paper (its math and tables count): every feed that lists the paper repeats it, so one summary could otherwise inflate the whole site.",
    fix: "Use fewer or shorter formulas and tables (plain words and Unicode such as α or ≤ need no $…$); link to the paper for the rest.",
  },
  "body/table-too-large": {
    title: "Table too large",
    means:
      "A table in the summary has more cells, as rendered (rows times the header's columns), than a summary's results table needs; GFM pads every row, so a few characters of `|` can make hundreds of thousands of cells.",
    fix: "Keep only the few results the summary is about, and link to the paper for its full tables.",
  },
  "body/too-long": {
    title: "Summary too long",
    means:
      "The summary is longer than 5,000 characters. The Markdown parser's time grows with the square of some hostile input, and 5,000 characters bounds it at about two seconds per file; arXiv caps abstracts at 1,920.",
    fix: "Summarise the paper in a few sentences of your own, and link to the paper for the rest.",
  },
  "body/too-deep": {
    title: "Lists or quotes nested too deeply",
    means: "A line opens more than 16 quotes or lists inside each other, which would exhaust the Markdown parser.",
    fix: "Write the summary as plain sentences, with at most a few levels of lists or quotes.",
  },
  "body/too-complex": {
    title: "Formatting nested too deeply",
    means: "Emphasis, links or lists are nested inside each other so deeply (hundreds of levels) that rendering the summary would exhaust the stack.",
    fix: "Write the summary as plain sentences.",
  },
  "body/character": {
    title: "Forbidden character in the summary",
    means:
      "The summary contains a character that XML or HTML forbids (a control character, a lone surrogate, a noncharacter). One would make a feed reader drop the whole feed, or a page invalid.",
    fix: "Delete it; it is invisible, so retype the words around the line named if you cannot find it.",
  },
  "body/link": {
    title: "Link refused",
    means:
      "A link in the summary is not an absolute `http(s)` address (or a `mailto:` one): `javascript:`, `data:` and relative links are refused, and so are addresses with a user name before an `@`, invisible characters or a second `#`.",
    fix: "Link to a full `https://` address.",
  },
  "body/image": {
    title: "Image in the summary",
    means: "The digest shows no images: they would load from other sites and weigh down every listing.",
    fix: "Link to the figure instead: `[Figure 2](https://…)`.",
  },
  "body/footnote": {
    title: "Footnote in the summary",
    means: "Footnotes are not supported: a summary appears in many listings and feeds, where its notes would collide.",
    fix: "Put the note in the sentence itself, in parentheses.",
  },
  "body/math": {
    title: "Math that cannot be rendered",
    means:
      "KaTeX cannot render a formula, in the summary or in the title: a command it does not know, unbalanced braces, or macros that expand or nest too deeply. An unescaped `$` also starts a formula.",
    fix: "Check the LaTeX against KaTeX's supported commands (https://katex.org/docs/supported), and write `\\$` for a dollar sign.",
  },
  "body/math-command": {
    title: "Math command not allowed",
    means:
      "A formula uses a command that would need trust (`\\href`, `\\url`, `\\includegraphics`, `\\html…`): it could link anywhere or add markup, so it is refused.",
    fix: "Put links in the Markdown around the formula, not inside it.",
  },

  // Site configuration
  "config/missing": {
    title: "No configuration file",
    means: "`paperboy.config.yaml` is missing from the top of the repository.",
    fix: "Create it with at least `title`, `description`, `url` and `author.name`; the message shows an example.",
  },
  "config/unknown-field": {
    title: "Unknown setting",
    means: "The configuration has a setting Paperboy does not know, most often a misspelling, which would otherwise be ignored.",
    fix: "Correct the name or remove the line; docs/configuration.md lists every setting.",
  },
  "config/invalid": {
    title: "Invalid setting",
    means: "A setting is missing or has a value it cannot take. `url` can also come from the `SITE_URL` environment variable, which the message then names.",
    fix: "Give the setting a value of the kind the message names; docs/configuration.md lists every setting.",
  },

  // Templates
  "template/syntax": {
    title: "Template syntax error",
    means: "A Handlebars template or partial does not parse.",
    fix: "Check that every `{{#block}}` has its `{{/block}}` and every `{{` its `}}`, on the line named.",
  },
  "template/missing": {
    title: "No page templates",
    means: "There is no template in `pages/`, neither in the theme nor in `templates/`.",
    fix: "Restore `scripts/theme/` from the Paperboy repository.",
  },
  "template/string": {
    title: "Unknown interface string",
    means:
      'A template names an interface string (`{{t "key"}}`) that no locale file has, or leaves out a value the string needs. The English locale names every key a template may use.',
    fix: 'Correct the key, or add it to `templates/locales/en.json` (and the site\'s language); give every `{placeholder}` the string uses, e.g. `{{t "day.lede" papers=…}}`.',
  },
  "template/locale": {
    title: "Invalid locale file",
    means:
      "A file in `locales/` is not a JSON object of interface strings, names a key the English locale does not have, or uses a placeholder the English string does not give.",
    fix: 'Write `"key": "text"` pairs, or plural forms `{ "one": …, "other": … }`, for keys of `scripts/theme/locales/en.json`; docs/site.md#languages shows the format.',
  },
  "template/render": {
    title: "Template failed while rendering",
    means: "A page template threw while it was rendered, most often because a partial it uses does not exist. The build stops before writing anything.",
    fix: "Check the template the message names and the partials it uses.",
  },

  // npm run check <files>
  "check/not-a-paper": {
    title: "Not a paper file",
    means: "A file named to `npm run check` is not at a paper's place, `content/papers/YYYY-MM-DD/<slug>.md`.",
    fix: "Name paper files inside `content/papers/`, or run `npm run check` without arguments to check everything.",
  },
  "check/missing-file": {
    title: "No such file",
    means: "A file named to `npm run check` does not exist.",
    fix: "Check the path; it is taken relative to the repository's top folder.",
  },
} as const satisfies Record<`${RuleFamily}/${string}`, RuleInfo>;

/** A registered rule's permanent id, such as `body/link`. */
export type RuleId = keyof typeof RULES;

/** The ids of one family: `RuleIn<"yaml">` is `"yaml/syntax" | "yaml/alias" | …`. */
export type RuleIn<F extends RuleFamily> = Extract<RuleId, `${F}/${string}`>;

/** Whether a string is a registered rule id. */
export function isRuleId(value: string): value is RuleId {
  return Object.hasOwn(RULES, value);
}

/** A rule's anchor in docs/errors.md: `body/link` → `body-link`. */
export function ruleAnchor(id: RuleId): string {
  return id.replace(/\//g, "-");
}
