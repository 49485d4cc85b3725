// arXiv identifiers in both schemes arXiv has used:
// new style `YYMM.NNNNN` (four digits after the dot before 2015) and old style
// `archive(.SUBJECT)/YYMMNNN`, each optionally followed by a version `vN`.
import type { ArxivId } from "../types.ts";

const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v([1-9]\d*))?$/;
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?)\/(\d{2})(\d{2})(\d{3})(?:v([1-9]\d*))?$/;

/** Parses an arXiv id written exactly as arXiv prints it; `undefined` when it is not one. */
export function parseArxivId(text: string): ArxivId | undefined {
  const modern = NEW_STYLE.exec(text);
  if (modern) {
    const [, yy, mm, number, version] = modern as unknown as [string, string, string, string, string | undefined];
    const month = Number(mm);
    if (month < 1 || month > 12) return undefined;
    // Five-digit numbers began in January 2015 (1501); four-digit ones ended in December 2014.
    const fiveDigits = Number(yy) >= 15;
    if (fiveDigits !== (number.length === 5)) return undefined;
    if (Number(yy) < 7 || (Number(yy) === 7 && month < 4)) return undefined; // the scheme began in April 2007
    return withVersion(`${yy}${mm}.${number}`, version);
  }
  const legacy = OLD_STYLE.exec(text);
  if (legacy) {
    const [, archive, yy, mm, number, version] = legacy as unknown as [string, string, string, string, string, string | undefined];
    const month = Number(mm);
    if (month < 1 || month > 12) return undefined;
    // Old-style ids ran from August 1991 to March 2007.
    const year = Number(yy) >= 91 ? 1900 + Number(yy) : 2000 + Number(yy);
    if (year > 2007 || (year === 2007 && month > 3)) return undefined;
    return withVersion(`${archive}/${yy}${mm}${number}`, version);
  }
  return undefined;
}

function withVersion(id: string, version: string | undefined): ArxivId {
  return version === undefined ? { id } : { id, version: Number(version) };
}

/** The id as written, with its version when one was pinned (`2510.04567v2`). */
export function formatArxivId(arxiv: ArxivId): string {
  return arxiv.version === undefined ? arxiv.id : `${arxiv.id}v${arxiv.version}`;
}

/** The abstract page on arxiv.org. */
export function arxivAbsUrl(arxiv: ArxivId): string {
  return `https://arxiv.org/abs/${formatArxivId(arxiv)}`;
}

/** The PDF on arxiv.org. */
export function arxivPdfUrl(arxiv: ArxivId): string {
  return `https://arxiv.org/pdf/${formatArxivId(arxiv)}`;
}

/**
 * Finds an arXiv id in what a person would paste: a bare id, `arXiv:…`, or an
 * abs/pdf/html URL on arxiv.org. Returns `undefined` when there is none.
 */
export function extractArxivId(input: string): ArxivId | undefined {
  let text = input.trim();
  text = text.replace(/^arxiv:\s*/i, "");
  const url = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i.exec(text);
  if (url) text = url[1]!;
  return parseArxivId(text);
}

/**
 * The year and month an id was assigned, which is when its first version was
 * submitted: both schemes start with `YYMM` (`2510.04567`, `hep-th/9901001`).
 */
export function arxivIdMonth(arxiv: ArxivId): { year: number; month: number } | undefined {
  const match = /^(\d{2})(\d{2})\.\d{4,5}$/.exec(arxiv.id) ?? /\/(\d{2})(\d{2})\d{3}$/.exec(arxiv.id);
  if (!match) return undefined;
  const yy = Number(match[1]);
  // Old-style ids began in 1991; new-style ones in 2007, so 91–99 can only mean the 1990s.
  return { year: yy >= 91 ? 1900 + yy : 2000 + yy, month: Number(match[2]) };
}
