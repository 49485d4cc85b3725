// arXiv's Atom query interface (`/api/query`) → papers' metadata: one id
// (`id_list=<id>`), many ids in batches (`id_list=a,b,c`), or a search
// (`search_query=…`, paged with `start`). arXiv answers problems in several
// shapes: an Atom feed whose single entry is titled "Error", an empty feed,
// HTTP 429/503 with `Retry-After` while it throttles, or a plain-text body.
// Each becomes a `SourceError` whose message is one line a contributor can
// act on. Requests go through `getPolitely`, at least three seconds apart.
import { XMLParser } from "fast-xml-parser";
import { formatArxivId, parseArxivId } from "../util/arxiv-id.ts";
import { answerStart, createPacer, getPolitely, SourceError, type Pacer, type RemoteOptions } from "./remote.ts";
import type { ArxivId, CalendarDate } from "../types.ts";

/** The public endpoint; `PAPERBOY_ARXIV_API` or `--api` replace it (the tests use a local server). */
const DEFAULT_ARXIV_API = "https://export.arxiv.org/api/query";

/** arXiv asks API clients to leave three seconds between calls. */
export const ARXIV_GAP_MS = 3000;

/** Ids per `id_list` request: a short address, and a small loss if one batch fails. */
const BATCH_SIZE = 50;

/** Results per search page; arXiv allows up to 2000, but smaller pages fail less. */
const PAGE_SIZE = 100;

/** A real page of 100 papers is well under a megabyte; anything this large is not an answer. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** One paper as arXiv describes it; text fields are as arXiv sent them (hard-wrapped, LaTeX kept). */
export interface ArxivEntry {
  /** The id with the version arXiv returned (`1706.03762v7`). */
  id: ArxivId;
  title: string;
  summary: string;
  authors: string[];
  /** When version 1 appeared, as arXiv's ISO 8601 timestamp. */
  published: string;
  /** The primary category first, then the cross-lists (`cs.CL`, `cs.LG`). */
  categories: string[];
  comment?: string;
  journalRef?: string;
  doi?: string;
}

/** How to reach arXiv; every part is replaceable so tests run offline and fast. */
export interface ArxivClientOptions extends RemoteOptions {
  /** The query endpoint, default `DEFAULT_ARXIV_API`. */
  apiUrl?: string;
  /** Shared by every request of one run, so they stay three seconds apart; a new one per call by default. */
  pacer?: Pacer;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  // Numeric character references (&#246;, &#x1b;) are XML and must be decoded, so that what they
  // stand for is checked like any other character; fast-xml-parser decodes them only with this on.
  htmlEntities: true,
  isArray: (name) => ["entry", "author", "category", "link"].includes(name),
});

type XmlNode = Record<string, unknown>;

/** Text content of a parsed element, whether it came as a string or with attributes. */
function textOf(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === "string") return node;
  if (typeof node === "object" && "#text" in (node as XmlNode)) return String((node as XmlNode)["#text"]);
  return undefined;
}

function oneLine(text: string | undefined): string | undefined {
  const line = text?.replace(/\s+/g, " ").trim();
  return line ? line : undefined;
}

/** A parsed answer: the entries, arXiv's own error message when the feed is an error report, and how many results the query has in all. */
export interface ArxivFeed {
  entries: ArxivEntry[];
  error?: string;
  /** `opensearch:totalResults`, for paging a search; absent when arXiv did not say. */
  total?: number;
}

/**
 * Parses an API answer. Returns the entries and arXiv's own error message when
 * the feed is an error report; throws `SourceError("bad-response")` when the
 * text is not an Atom feed at all (an HTML error page, "Rate exceeded.").
 * Entries missing an id, a title or authors are dropped: arXiv answers an
 * unknown but well-formed id that way, and nothing usable can come of them.
 */
export function parseArxivFeed(xml: string): ArxivFeed {
  let doc: XmlNode;
  try {
    doc = parser.parse(xml, true) as XmlNode;
  } catch {
    throw notAtom(xml);
  }
  const feed = doc.feed as XmlNode | undefined;
  if (!feed || typeof feed !== "object") throw notAtom(xml);

  const entries: ArxivEntry[] = [];
  const rawEntries = Array.isArray(feed.entry) ? (feed.entry as unknown[]) : [];
  for (const raw of rawEntries) {
    if (!raw || typeof raw !== "object") continue;
    const item = raw as XmlNode;
    const idUrl = oneLine(textOf(item.id)) ?? "";
    // Errors come as a single entry titled "Error" whose id points into /api/errors.
    if (/\/api\/errors/.test(idUrl) || oneLine(textOf(item.title)) === "Error") {
      return { entries: [], error: oneLine(textOf(item.summary)) ?? "arXiv reported an error without a message" };
    }
    const id = parseArxivId(idUrl.replace(/^https?:\/\/(?:www\.|export\.)?arxiv\.org\/abs\//, ""));
    const title = oneLine(textOf(item.title));
    const authors = listOf(item.author)
      .map((a) => oneLine(textOf(a.name)))
      .filter((n): n is string => n !== undefined);
    if (!id || !title || authors.length === 0) continue;
    const primary = (item.primary_category as XmlNode | undefined)?.["@term"];
    const terms = listOf(item.category).map((c) => (typeof c["@term"] === "string" ? c["@term"] : ""));
    const categories = [...new Set([...(typeof primary === "string" ? [primary] : []), ...terms].filter(Boolean))];
    const comment = oneLine(textOf(item.comment));
    const journalRef = oneLine(textOf(item.journal_ref));
    const doi = oneLine(textOf(item.doi));
    entries.push({
      id,
      title,
      summary: textOf(item.summary) ?? "",
      authors,
      published: oneLine(textOf(item.published)) ?? "",
      categories,
      ...(comment ? { comment } : {}),
      ...(journalRef ? { journalRef } : {}),
      ...(doi ? { doi } : {}),
    });
  }
  const totalText = oneLine(textOf(feed.totalResults));
  return { entries, ...(totalText && /^\d+$/.test(totalText) ? { total: Number(totalText) } : {}) };
}

/** The elements of a repeated child, skipping anything that is not an element (a hostile feed may nest text where elements belong). */
function listOf(node: unknown): XmlNode[] {
  return (Array.isArray(node) ? node : []).filter((n): n is XmlNode => n !== null && typeof n === "object");
}

function notAtom(text: string): SourceError {
  const start = answerStart(text);
  return new SourceError("bad-response", start === "" ? "arXiv's answer was empty" : `arXiv's answer was not an Atom feed (it began "${start}")`);
}

/** One request to the query interface, read and parsed; `label` names what was asked for in messages. */
async function queryArxiv(params: Record<string, string>, label: string, options: ArxivClientOptions): Promise<ArxivFeed> {
  const url = new URL(options.apiUrl ?? DEFAULT_ARXIV_API);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const answer = await getPolitely(url, {
    ...options,
    source: "arXiv",
    accept: "application/atom+xml",
    maxBytes: MAX_ANSWER_BYTES,
    pacer: options.pacer ?? createPacer(ARXIV_GAP_MS),
  });
  // arXiv reports a malformed id with HTTP 400 and an Atom error entry, so read the body first.
  let parsed: ArxivFeed | undefined;
  try {
    parsed = parseArxivFeed(answer.body);
  } catch (error) {
    if (answer.status >= 200 && answer.status < 300) throw error;
  }
  if (parsed?.error) throw new SourceError("api-error", `arXiv refused the lookup of ${label}: ${parsed.error}`);
  if (answer.status < 200 || answer.status >= 300 || !parsed) {
    throw new SourceError("http", `arXiv answered HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ""} for ${label}`);
  }
  return parsed;
}

/** Asks arXiv for one paper; retries politely while it throttles, then gives up with a one-line reason. */
export async function fetchArxivEntry(wanted: ArxivId, options: ArxivClientOptions = {}): Promise<ArxivEntry> {
  const shown = formatArxivId(wanted);
  const feed = await queryArxiv({ id_list: shown }, shown, options);
  const entry = feed.entries.find((e) => e.id.id === wanted.id);
  if (!entry) {
    if (feed.entries.length > 0)
      throw new SourceError("bad-response", `arXiv answered with a different paper (${formatArxivId(feed.entries[0]!.id)}) for ${shown}`);
    throw notFound(shown);
  }
  return entry;
}

function notFound(shown: string): SourceError {
  return new SourceError("not-found", `arXiv has no paper ${shown}; check the id on https://arxiv.org/abs/${shown}`);
}

/** One id's outcome in a batch: its entry, or why there is none. */
export type ArxivLookup = { wanted: ArxivId; entry: ArxivEntry } | { wanted: ArxivId; error: SourceError };

/**
 * Asks arXiv for many papers, `BATCH_SIZE` ids per request (`id_list=a,b,c`),
 * one request at a time. A batch arXiv refuses as a whole (one id it thinks
 * malformed spoils the request) is asked again id by id, so only that id fails.
 * Returns one outcome per id, in order; stops (throwing) only when the run is interrupted.
 */
export async function fetchArxivEntries(wanted: readonly ArxivId[], options: ArxivClientOptions = {}): Promise<ArxivLookup[]> {
  const client = { ...options, pacer: options.pacer ?? createPacer(ARXIV_GAP_MS) };
  const outcomes: ArxivLookup[] = [];
  for (let start = 0; start < wanted.length; start += BATCH_SIZE) {
    outcomes.push(...(await lookUpBatch(wanted.slice(start, start + BATCH_SIZE), client)));
  }
  return outcomes;
}

async function lookUpBatch(batch: readonly ArxivId[], options: ArxivClientOptions): Promise<ArxivLookup[]> {
  if (batch.length === 1) {
    const wanted = batch[0]!;
    try {
      return [{ wanted, entry: await fetchArxivEntry(wanted, options) }];
    } catch (error) {
      if (!(error instanceof SourceError) || error.kind === "interrupted") throw error;
      return [{ wanted, error }];
    }
  }
  let feed: ArxivFeed;
  try {
    feed = await queryArxiv({ id_list: batch.map(formatArxivId).join(","), max_results: String(batch.length) }, `${batch.length} papers`, options);
  } catch (error) {
    if (!(error instanceof SourceError) || error.kind === "interrupted") throw error;
    if (error.kind === "api-error") {
      const outcomes: ArxivLookup[] = [];
      for (const wanted of batch) outcomes.push(...(await lookUpBatch([wanted], options)));
      return outcomes;
    }
    return batch.map((wanted) => ({ wanted, error }));
  }
  return batch.map((wanted): ArxivLookup => {
    const entry = feed.entries.find((e) => e.id.id === wanted.id);
    return entry ? { wanted, entry } : { wanted, error: notFound(formatArxivId(wanted)) };
  });
}

/** What to search for: arXiv's `search_query` syntax, optionally limited to papers first submitted on or after a day. */
export interface ArxivSearch {
  /** E.g. `cat:cs.LG AND abs:quantization`. */
  query: string;
  /** First day (UTC) of first submission to include. */
  since?: CalendarDate;
  /** Last day to include with `since`: the caller's today (this module reads no clock). */
  until?: CalendarDate;
  /** At most this many results. */
  max: number;
  /** Results per request (default 100). */
  pageSize?: number;
}

/** A search's results, newest first; `error` says why it stopped early, after the entries it did get. */
export interface ArxivSearchResult {
  entries: ArxivEntry[];
  /** How many results arXiv says the query has in all. */
  total: number;
  error?: SourceError;
}

/** The `search_query` sent for a search: the query, and the submission dates when `since` is given. */
export function searchQueryOf(search: ArxivSearch): string {
  if (!search.since) return search.query;
  const compact = (day: CalendarDate) => day.replace(/-/g, "");
  return `(${search.query}) AND submittedDate:[${compact(search.since)}0000 TO ${compact(search.until ?? "9999-12-31")}2359]`;
}

/**
 * Runs a search, newest submissions first, one page at a time until `max`
 * results, the end of the results, or results older than `since`. arXiv
 * sometimes answers a page with no entries although more remain; such a page
 * is asked once more before the search stops with what it has.
 */
export async function searchArxiv(search: ArxivSearch, options: ArxivClientOptions = {}): Promise<ArxivSearchResult> {
  const client = { ...options, pacer: options.pacer ?? createPacer(ARXIV_GAP_MS) };
  const pageSize = Math.min(search.pageSize ?? PAGE_SIZE, search.max);
  const query = searchQueryOf(search);
  const entries: ArxivEntry[] = [];
  const seen = new Set<string>();
  let total: number | undefined;
  let emptyRetried = false;
  for (let start = 0; entries.length < search.max && (total === undefined || start < total); ) {
    const asked = Math.min(pageSize, search.max - entries.length);
    let feed: ArxivFeed;
    try {
      feed = await queryArxiv(
        { search_query: query, start: String(start), max_results: String(asked), sortBy: "submittedDate", sortOrder: "descending" },
        `the search "${answerStart(search.query, 60)}"`,
        client,
      );
    } catch (error) {
      if (!(error instanceof SourceError) || error.kind === "interrupted" || start === 0) throw error;
      return { entries, total: total ?? entries.length, error };
    }
    // The first page's total holds (a flaky empty page may say 0); without any total, a short page is the last.
    total ??= feed.total;
    const known = total;
    if (feed.entries.length === 0) {
      if (known === undefined || start >= known) break;
      if (emptyRetried) {
        return { entries, total: known, error: new SourceError("bad-response", `arXiv stopped answering the search after ${start} of ${known} results`) };
      }
      emptyRetried = true;
      continue;
    }
    emptyRetried = false;
    start += feed.entries.length;
    for (const entry of feed.entries) {
      // Newest first: the first paper older than `since` ends the search (arXiv's own date filter already should have).
      if (search.since && entry.published.slice(0, 10) < search.since) return { entries, total: total ?? entries.length };
      if (seen.has(entry.id.id)) continue;
      seen.add(entry.id.id);
      entries.push(entry);
      if (entries.length >= search.max) break;
    }
    if (total === undefined && feed.entries.length < asked) break;
  }
  return { entries, total: total ?? entries.length };
}
