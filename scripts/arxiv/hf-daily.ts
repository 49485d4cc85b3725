// Hugging Face's Daily Papers for one day → the arXiv ids it lists, most
// upvoted first. The public endpoint `GET /api/daily_papers?date=YYYY-MM-DD`
// answers a JSON list whose items look like
//   { "paper": { "id": "2510.04567", "title": …, "authors": [{ "name": … }],
//                "upvotes": 42, … }, "title": …, "publishedAt": …, … }
// (huggingface_hub's `list_daily_papers` pages it with `p` and `limit`, at most
// 100 a page). Only the id and the upvotes are taken from it: a paper's
// metadata comes from arXiv, as for any other paper, so Hugging Face's text
// never reaches a file. Everything else in the answer is untrusted and ignored;
// an item that cannot be read is one line in `problems`, not the end of the day.
import { parseArxivId } from "../util/arxiv-id.ts";
import { answerStart, createPacer, getPolitely, SourceError, type Pacer, type RemoteOptions } from "./remote.ts";
import type { ArxivId, CalendarDate } from "../types.ts";

/** The public endpoint; `PAPERBOY_HF_API` or `--hf-api` replace it (the tests use a local server). */
const DEFAULT_HF_API = "https://huggingface.co/api/daily_papers";

/** Hugging Face's largest page. */
const PAGE_SIZE = 100;
/** A day has tens of papers; more pages than this means the server ignores `p`. */
const MAX_PAGES = 10;
/** A page of 100 papers is about half a megabyte. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
/** Hugging Face publishes no rate limit; one second between pages is polite. */
const HF_GAP_MS = 1000;

/** How to reach Hugging Face. */
export interface HfClientOptions extends RemoteOptions {
  /** The daily-papers endpoint, default `DEFAULT_HF_API`. */
  apiUrl?: string;
  pacer?: Pacer;
}

/** One paper of the day, as far as the digest uses it. */
export interface HfDailyPaper {
  arxiv: ArxivId;
  upvotes: number;
}

/** A day's papers, most upvoted first (ties in Hugging Face's order), and one line for each item that could not be read. */
export interface HfDay {
  papers: HfDailyPaper[];
  problems: string[];
}

/** Reads one page of the answer; throws `SourceError` when it is not a list of papers at all. */
export function parseHfDay(text: string, day: CalendarDate): HfDay {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const start = answerStart(text);
    throw new SourceError(
      "bad-response",
      start === "" ? `Hugging Face's answer for ${day} was empty` : `Hugging Face's answer for ${day} was not JSON (it began "${start}")`,
    );
  }
  if (!Array.isArray(data)) {
    const error = data !== null && typeof data === "object" ? (data as Record<string, unknown>).error : undefined;
    if (typeof error === "string") throw new SourceError("api-error", `Hugging Face refused the day ${day}: ${answerStart(error, 200)}`);
    throw new SourceError("bad-response", `Hugging Face's answer for ${day} was not a list of papers (it was ${describeJson(data)})`);
  }
  const papers: HfDailyPaper[] = [];
  const problems: string[] = [];
  data.forEach((item: unknown, index) => {
    const paper = item !== null && typeof item === "object" ? (item as Record<string, unknown>).paper : undefined;
    const id = paper !== null && typeof paper === "object" ? (paper as Record<string, unknown>).id : undefined;
    if (typeof id !== "string") {
      // A number is not taken as an id: 2510.04560 would already have lost its last digit.
      problems.push(`Hugging Face's item ${index + 1} for ${day} has no paper id${id === undefined ? "" : ` (it has ${describeJson(id)})`}`);
      return;
    }
    const arxiv = parseArxivId(id.trim());
    if (!arxiv) {
      problems.push(`Hugging Face lists "${answerStart(id, 60)}" for ${day}, which is not an arXiv id`);
      return;
    }
    const upvotes = (paper as Record<string, unknown>).upvotes;
    papers.push({ arxiv, upvotes: typeof upvotes === "number" && Number.isFinite(upvotes) ? upvotes : 0 });
  });
  return { papers, problems };
}

function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "text";
  return `a ${typeof value}`;
}

/** Asks Hugging Face for a day's papers, page by page; throws `SourceError` when the first page cannot be had. */
export async function fetchHfDay(day: CalendarDate, options: HfClientOptions = {}): Promise<HfDay> {
  const pacer = options.pacer ?? createPacer(HF_GAP_MS);
  const papers: HfDailyPaper[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = new URL(options.apiUrl ?? DEFAULT_HF_API);
    url.searchParams.set("date", day);
    url.searchParams.set("limit", String(PAGE_SIZE));
    url.searchParams.set("p", String(page));
    let parsed: HfDay;
    try {
      const answer = await getPolitely(url, { ...options, source: "Hugging Face", accept: "application/json", maxBytes: MAX_ANSWER_BYTES, pacer });
      if (answer.status < 200 || answer.status >= 300) {
        const refusal = refusalOf(answer.body);
        throw new SourceError(
          "http",
          `Hugging Face answered HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ""} for ${day}${refusal ? `: ${refusal}` : ""}`,
        );
      }
      parsed = parseHfDay(answer.body, day);
    } catch (error) {
      // A later page that fails loses only what it would have added.
      if (page === 0 || !(error instanceof SourceError) || error.kind === "interrupted") throw error;
      problems.push(error.message);
      break;
    }
    problems.push(...parsed.problems);
    const count = parsed.papers.length + parsed.problems.length;
    let added = 0;
    for (const paper of parsed.papers) {
      if (seen.has(paper.arxiv.id)) continue;
      seen.add(paper.arxiv.id);
      papers.push(paper);
      added++;
    }
    // A short page is the last; a page with nothing new means the server ignores `p`.
    if (count < PAGE_SIZE || added === 0) break;
  }
  // Most upvoted first, so that a maximum per day keeps the papers readers liked most; the sort is stable.
  papers.sort((a, b) => b.upvotes - a.upvotes);
  return { papers, problems };
}

/** Hugging Face's own reason in an error answer (`{"error": "…"}`), if it gave one. */
function refusalOf(body: string): string | undefined {
  try {
    const error = (JSON.parse(body) as Record<string, unknown>)?.error;
    return typeof error === "string" ? answerStart(error, 200) : undefined;
  } catch {
    return undefined;
  }
}
