// Paper → the BibTeX entry of its "Cite" block, and the citation keys of the
// whole site. docs/feeds-and-citations.md gives the reasons for each choice:
// - Every entry is `@misc`. A free-text `venue` cannot tell a journal from a
//   conference, and an `@article` without volume and pages is a worse entry
//   than an honest `@misc` with `howpublished = {NeurIPS 2024}`.
// - arXiv papers carry `eprint` (versionless, as arXiv's own export writes it),
//   `archivePrefix = {arXiv}` and a versionless `url`. `primaryClass` is left
//   out: the content has no category, and old-style ids already hold theirs.
// - `year` and `month` come from `published`, else from the arXiv id; never
//   from the listing day. No date is better than a wrong one.
// - Text is escaped so that LaTeX prints exactly what the contributor typed;
//   math stays math; words with inner capitals are braced against lowercasing.
// - Names are written "Family, Given" where the split is certain, else braced
//   whole, so BibTeX never guesses (citation-facts.ts `splitName`).
import anyAscii from "any-ascii";
import { appearedOn, landingUrl, splitName, startsLowercase } from "../site/citation-facts.ts";
import { byCodeUnit } from "../util/order.ts";
import { splitTitle } from "../util/html-text.ts";
import type { Paper } from "../types.ts";

const LATEX_SPECIAL: Record<string, string> = {
  "\\": "\\textbackslash{}",
  // `\{` would unbalance BibTeX's brace count when a title has a lone brace.
  "{": "\\textbraceleft{}",
  "}": "\\textbraceright{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  // In LaTeX's default font encoding `<` and `>` print as ¡ and ¿.
  "<": "\\textless{}",
  ">": "\\textgreater{}",
};

// Pairs LaTeX turns into one glyph (`--` → –, `''` → ”); an empty group keeps them apart.
const LIGATURES = new Set(["--", "``", "''", "!`", "?`", ",,"]);

/** Escapes text for a BibTeX field that LaTeX typesets, so it prints exactly as typed. */
export function escapeLatex(text: string): string {
  let escaped = "";
  let previous = "";
  for (const char of text) {
    if (LIGATURES.has(previous + char)) escaped += "{}";
    escaped += LATEX_SPECIAL[char] ?? char;
    previous = char;
  }
  return escaped;
}

/**
 * Braces a piece of BibTeX text so that styles keep it as written. A group that
 * starts with a command is a BibTeX "special character", whose letters styles
 * still recase, so such a group gets a second pair of braces.
 */
function braced(escaped: string): string {
  return escaped.startsWith("\\") ? `{{${escaped}}}` : `{${escaped}}`;
}

/** Whether a word has a capital after its first letter (BAQ, GPT-4, ImageNet, 3D), which styles that lowercase titles would lose. */
function hasInnerCapital(word: string): boolean {
  return word.split("-").some((part) => /\p{Lu}/u.test([...part.replace(/^\p{P}+/u, "")].slice(1).join("")));
}

/** One word of a title, braced around its letters when it has inner capitals: `{BAQ}:`, `({GPT-4})`. */
function titleWord(word: string): string {
  const [, before = "", core = "", after = ""] = /^(\p{P}*)(.*?)(\p{P}*)$/u.exec(word) ?? [];
  if (!hasInnerCapital(core)) return escapeLatex(word);
  return escapeLatex(before) + braced(escapeLatex(core)) + escapeLatex(after);
}

/**
 * Inline math for a BibTeX title. Math goes through unchanged except for what
 * BibTeX or LaTeX would misread there: `\{` and `\}` (BibTeX counts them as
 * braces) become `\lbrace` and `\rbrace`, and a bare `%` (a TeX comment, which
 * would swallow the rest of the entry) becomes `\%`.
 */
function bibtexMath(tex: string): string {
  let out = "";
  for (let i = 0; i < tex.length; i++) {
    const char = tex[i]!;
    if (char === "\\") {
      const next = tex[i + 1] ?? "";
      if (next === "{" || next === "}") out += next === "{" ? "\\lbrace " : "\\rbrace ";
      else out += `\\${next}`;
      i++;
    } else {
      out += char === "%" ? "\\%" : char;
    }
  }
  return out;
}

/** The title as BibTeX: text escaped, math kept as math, both protected from styles that lowercase titles. */
export function bibtexTitle(title: string): string {
  return splitTitle(title)
    .map((part) => (part.kind === "math" ? `{$${bibtexMath(part.tex)}$}` : part.text.split(" ").map(titleWord).join(" ")))
    .join("");
}

/** One author as BibTeX reads names: "Family, Given" (or "Family, Jr., Given") where certain, else the whole name braced. */
export function bibtexName(name: string): string {
  const parts = splitName(name);
  if (!parts) return braced(escapeLatex(name));
  const suffix = parts.suffix ? `, ${escapeLatex(parts.suffix)}` : "";
  return `${escapeLatex(parts.family)}${suffix}, ${escapeLatex(parts.given)}`;
}

/**
 * A URL or DOI, which BibTeX tools read verbatim: only braces and backslashes,
 * which would break the entry, are percent-encoded (resolvers read them the same).
 */
function verbatim(value: string): string {
  return value.replace(/[{}\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] as const;

/** The BibTeX entry for a paper, under the given citation key. */
export function renderBibtex(paper: Paper, key: string): string {
  const date = appearedOn(paper);
  // A value already in BibTeX syntax (a month macro) is `bare`; every other one is braced.
  const fields: { name: string; value: string; bare?: boolean }[] = [
    { name: "author", value: paper.authors.map(bibtexName).join(" and ") },
    { name: "title", value: bibtexTitle(paper.title) },
  ];
  if (paper.venue) fields.push({ name: "howpublished", value: escapeLatex(paper.venue) });
  if (date) fields.push({ name: "year", value: String(date.year) });
  if (date?.month) fields.push({ name: "month", value: MONTHS[date.month - 1]!, bare: true });
  if (paper.arxiv) {
    fields.push({ name: "eprint", value: paper.arxiv.id }, { name: "archivePrefix", value: "arXiv" });
  }
  if (paper.doi) fields.push({ name: "doi", value: verbatim(paper.doi) });
  // A DOI-only paper needs no `url`: styles link the `doi` field already.
  const url = paper.arxiv ? landingUrl(paper) : paper.url;
  if (url) fields.push({ name: "url", value: verbatim(url) });

  // Not aligned in columns, as arXiv's and Google Scholar's exports write it: every entry is in its page and in
  // the .bib files of its day and of each of its tags, and the padding was an eighth of each copy.
  const lines = fields.map((f) => `  ${f.name} = ${f.bare ? f.value : `{${f.value}}`}`);
  return `@misc{${key},\n${lines.join(",\n")}\n}`;
}

// Words a key skips to reach the first word that says something about the paper.
const KEY_SKIP_WORDS = new Set([
  "a",
  "an",
  "the",
  "on",
  "of",
  "in",
  "for",
  "to",
  "and",
  "at",
  "by",
  "with",
  "from",
  "into",
  "towards",
  "toward",
  "via",
  "is",
  "are",
  "do",
  "does",
  "can",
  "how",
  "what",
  "when",
  "where",
  "which",
  "why",
]);

/** Lowercase ASCII letters and digits only; other scripts are transliterated (李飞飞 → lifeifei). */
function keyPart(text: string): string {
  return anyAscii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** The key a paper would have on its own: first author's family name, year, first significant title word (`lovelace2025attention`). */
export function baseCitationKey(paper: Paper): string {
  let key = baseKeys.get(paper);
  if (key === undefined) baseKeys.set(paper, (key = makeBaseCitationKey(paper)));
  return key;
}
// A memo: a paper is never changed once made, and every plan of the site (the dev server's after each
// edit, with the compile cache's same paper objects) needs every paper's base key, to keep the keys unique.
const baseKeys = new WeakMap<Paper, string>();

function makeBaseCitationKey(paper: Paper): string {
  const first = paper.authors[0] ?? "";
  const family = splitName(first)?.family.split(" ") ?? [first];
  // "de la Cruz" files under "cruz", as bibliographies sort it.
  const core = family.filter((w) => !startsLowercase(w));
  const name = keyPart((core.length > 0 ? core : family).join("")) || "anon";
  const year = appearedOn(paper)?.year ?? "";
  const words = splitTitle(paper.title).flatMap((part) => (part.kind === "text" ? part.text.split(/[\s\-–—/]+/) : []));
  const word = words.map(keyPart).find((w) => w !== "" && !KEY_SKIP_WORDS.has(w)) ?? "";
  return `${name}${year}${word}`;
}

/** `a`, `b`, … `z`, `aa`, `ab`, …: the suffixes that tell equal keys apart. */
function keySuffix(index: number): string {
  let suffix = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) suffix = String.fromCharCode(97 + ((n - 1) % 26)) + suffix;
  return suffix;
}

/**
 * Citation keys for every paper of the site, unique across it. When papers
 * share a key, the one listed first keeps it and later ones get `a`, `b`, …,
 * so a paper listed on a later day leaves the keys already given alone (unless
 * its own key happens to equal an earlier paper's suffixed one).
 */
export function citationKeys(papers: readonly Paper[]): Map<Paper, string> {
  const ordered = [...papers].sort((a, b) => byCodeUnit(a.day, b.day) || byCodeUnit(a.slug, b.slug));
  const bases = new Map(ordered.map((paper) => [paper, baseCitationKey(paper)]));
  const keys = new Map<Paper, string>();
  const taken = new Set<string>();
  // Every unsuffixed key is claimed first, so a suffixed key never takes another paper's natural key.
  for (const paper of ordered) {
    const base = bases.get(paper)!;
    if (!taken.has(base)) {
      taken.add(base);
      keys.set(paper, base);
    }
  }
  for (const paper of ordered) {
    if (keys.has(paper)) continue;
    const base = bases.get(paper)!;
    let index = 0;
    while (taken.has(base + keySuffix(index))) index++;
    const key = base + keySuffix(index);
    taken.add(key);
    keys.set(paper, key);
  }
  return keys;
}
