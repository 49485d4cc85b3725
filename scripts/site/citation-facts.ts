// Paper → the facts every citation format shares, decided once so that the
// BibTeX entry, the Highwire Press tags and the JSON-LD never disagree: when
// the paper appeared, where it lives, and how each author's name splits.
import { arxivAbsUrl, arxivIdMonth } from "../util/arxiv-id.ts";
import type { Paper, PaperMeta } from "../types.ts";
import { paperLinks } from "./links.ts";

/** A date known to the year, the month or the day. */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

/**
 * When the paper first appeared: its `published` date when given, else the year
 * and month its arXiv id was assigned. Never the day the digest listed it, which
 * can be years later: an unknown date is left out rather than guessed.
 */
export function appearedOn(paper: Pick<PaperMeta, "published" | "arxiv">): PartialDate | undefined {
  if (paper.published) {
    const [year, month, day] = paper.published.split("-").map(Number) as [number, number, number];
    return { year, month, day };
  }
  return paper.arxiv ? arxivIdMonth(paper.arxiv) : undefined;
}

/**
 * The address of one of a paper's links (`pdf`, `doi`, …), made as its page
 * makes it, so every format points where the page does. Its PDF counts even
 * when the site's `arxiv_links` leaves the PDF off the page: citation tools
 * look for it whatever the page shows.
 */
export function linkOf(paper: Paper, kind: string): string | undefined {
  return paperLinks(paper, ["pdf"]).find((link) => link.kind === kind)?.url;
}

/** The paper's own landing page: its versionless arXiv abstract page, else its `url`, else its DOI at doi.org. */
export function landingUrl(paper: Paper): string | undefined {
  if (paper.arxiv) return arxivAbsUrl({ id: paper.arxiv.id });
  return paper.url ?? linkOf(paper, "doi");
}

/** A personal name split into the parts citation formats ask for. */
export interface NameParts {
  /** Given names, as written: `Juan Carlos`. */
  given: string;
  /** Family name with any particle: `de la Cruz`. */
  family: string;
  /** `Jr.`, `Sr.`, `II`, `III` or `IV`. */
  suffix?: string;
}

const SUFFIX = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;
// Scripts whose names are written family name first, usually without spaces.
const FAMILY_FIRST_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
// Words BibTeX gives a meaning in a name list ("and" separates names, "others" means et al.).
const NAME_LIST_WORD = /^(?:and|others)$/i;

/** Whether a word's first letter is lowercase: how BibTeX finds particles such as "van" or "de la". */
export function startsLowercase(word: string): boolean {
  const letter = /\p{L}/u.exec(word)?.[0];
  return letter !== undefined && /\p{Ll}/u.test(letter);
}

/**
 * Splits a name written "Given Family" (the content contract's form) where the
 * split is certain: the family name is the last word, or starts at the first
 * lowercase particle ("Juan Carlos de la Cruz" → "de la Cruz"); a trailing
 * "Jr." is a suffix. Returns `undefined` when it is not certain: a single word,
 * a name in a script written family name first (李飞飞), a name that starts
 * lowercase (bell hooks), or one holding commas, braces, backslashes or the
 * words "and"/"others". Such a name is kept whole in every format.
 */
export function splitName(name: string): NameParts | undefined {
  if (/[,{}\\]/.test(name) || FAMILY_FIRST_SCRIPT.test(name)) return undefined;
  const words = name.split(" ").filter((w) => w !== "");
  if (words.some((w) => NAME_LIST_WORD.test(w))) return undefined;
  const suffix = words.length >= 3 && SUFFIX.test(words[words.length - 1]!) ? words.pop() : undefined;
  if (words.length < 2 || startsLowercase(words[0]!)) return undefined;
  const particle = words.findIndex((w, i) => i > 0 && startsLowercase(w));
  const familyStart = particle === -1 ? words.length - 1 : particle;
  return {
    given: words.slice(0, familyStart).join(" "),
    family: words.slice(familyStart).join(" "),
    ...(suffix ? { suffix } : {}),
  };
}
