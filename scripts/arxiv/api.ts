// arXiv id → the paper's metadata, from arXiv's Atom query interface
// (`/api/query?id_list=…`). arXiv answers problems in several shapes: an Atom
// feed whose single entry is titled "Error", an empty feed, HTTP 429/503 with
// `Retry-After` while it throttles, or a plain-text body. Each becomes an
// `ArxivError` whose message is one line a contributor can act on.
import { XMLParser } from "fast-xml-parser";
import { formatArxivId, parseArxivId } from "../util/arxiv-id.ts";
import type { ArxivId } from "../types.ts";

/** The public endpoint; `PAPERBOY_ARXIV_API` or `--api` replace it (the tests use a local server). */
const DEFAULT_ARXIV_API = "https://export.arxiv.org/api/query";

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

/** Why a lookup failed; `message` is one line, written for the contributor. */
export type ArxivFailure = "network" | "timeout" | "throttled" | "http" | "api-error" | "not-found" | "bad-response";

/** A lookup that failed for a reason outside our code. */
export class ArxivError extends Error {
  constructor(
    readonly kind: ArxivFailure,
    message: string,
  ) {
    super(message);
    this.name = "ArxivError";
  }
}

/** How to reach arXiv; every part is replaceable so tests run offline and fast. */
export interface ArxivClientOptions {
  /** The query endpoint, default `DEFAULT_ARXIV_API`. */
  apiUrl?: string;
  fetch?: typeof fetch;
  /** Waits between retries; tests pass one that records the wait and returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Further attempts after a 429/503 answer (default 3). */
  retries?: number;
  /** Longest wait accepted from `Retry-After`; longer asks end the lookup (default 60 s). */
  maxWaitMs?: number;
  /** Per-request time limit (default 30 s). */
  timeoutMs?: number;
}

const RETRY_STATUSES = new Set([429, 503]);
/** arXiv asks API clients to leave three seconds between calls; without `Retry-After` we back off from there. */
const DEFAULT_WAIT_MS = 3000;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
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

/**
 * Parses an API answer. Returns the entries and arXiv's own error message when
 * the feed is an error report; throws `ArxivError("bad-response")` when the
 * text is not an Atom feed at all (an HTML error page, "Rate exceeded.").
 */
export function parseArxivFeed(xml: string): { entries: ArxivEntry[]; error?: string } {
  let doc: XmlNode;
  try {
    doc = parser.parse(xml, true) as XmlNode;
  } catch {
    throw notAtom(xml);
  }
  const feed = doc.feed as XmlNode | undefined;
  if (!feed || typeof feed !== "object") throw notAtom(xml);

  const entries: ArxivEntry[] = [];
  for (const raw of (feed.entry as XmlNode[] | undefined) ?? []) {
    const idUrl = oneLine(textOf(raw.id)) ?? "";
    // Errors come as a single entry titled "Error" whose id points into /api/errors.
    if (/\/api\/errors/.test(idUrl) || oneLine(textOf(raw.title)) === "Error") {
      return { entries: [], error: oneLine(textOf(raw.summary)) ?? "arXiv reported an error without a message" };
    }
    const id = parseArxivId(idUrl.replace(/^https?:\/\/(?:www\.|export\.)?arxiv\.org\/abs\//, ""));
    const title = oneLine(textOf(raw.title));
    const authors = ((raw.author as XmlNode[] | undefined) ?? []).map((a) => oneLine(textOf(a.name))).filter((n): n is string => n !== undefined);
    // An unknown but well-formed id has been answered with an entry that has no title or authors.
    if (!id || !title || authors.length === 0) continue;
    const primary = (raw.primary_category as XmlNode | undefined)?.["@term"];
    const terms = ((raw.category as XmlNode[] | undefined) ?? []).map((c) => String(c["@term"] ?? ""));
    const categories = [...new Set([...(typeof primary === "string" ? [primary] : []), ...terms].filter(Boolean))];
    const comment = oneLine(textOf(raw.comment));
    const journalRef = oneLine(textOf(raw.journal_ref));
    const doi = oneLine(textOf(raw.doi));
    entries.push({
      id,
      title,
      summary: textOf(raw.summary) ?? "",
      authors,
      published: oneLine(textOf(raw.published)) ?? "",
      categories,
      ...(comment ? { comment } : {}),
      ...(journalRef ? { journalRef } : {}),
      ...(doi ? { doi } : {}),
    });
  }
  return { entries };
}

function notAtom(text: string): ArxivError {
  const start = text.replace(/\s+/g, " ").trim().slice(0, 40);
  return new ArxivError("bad-response", start === "" ? "arXiv's answer was empty" : `arXiv's answer was not an Atom feed (it began "${start}")`);
}

/**
 * How long `Retry-After` asks us to wait, in ms: either seconds, or an HTTP
 * date read against the response's own `Date` header (so no clock is read here).
 */
export function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const until = Date.parse(value);
  const now = Date.parse(headers.get("date") ?? "");
  if (Number.isNaN(until) || Number.isNaN(now)) return undefined;
  return Math.max(0, until - now);
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Asks arXiv for one paper; retries politely while it throttles, then gives up with a one-line reason. */
export async function fetchArxivEntry(wanted: ArxivId, options: ArxivClientOptions = {}): Promise<ArxivEntry> {
  const fetchImpl = options.fetch ?? fetch;
  const sleep = options.sleep ?? sleepFor;
  const retries = options.retries ?? 3;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const url = new URL(options.apiUrl ?? DEFAULT_ARXIV_API);
  const shown = formatArxivId(wanted);
  url.searchParams.set("id_list", shown);
  const host = url.host;

  for (let attempt = 0; ; attempt++) {
    let response: Response;
    let body: string;
    try {
      response = await fetchImpl(url, { headers: { Accept: "application/atom+xml", "User-Agent": "paperboy (npm run new)" }, signal: AbortSignal.timeout(timeoutMs) });
      body = await response.text();
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === "TimeoutError" || name === "AbortError") throw new ArxivError("timeout", `arXiv (${host}) did not answer within ${timeoutMs / 1000} s`);
      throw new ArxivError("network", `could not reach arXiv at ${host} (${networkReason(error)})`);
    }

    if (RETRY_STATUSES.has(response.status)) {
      const asked = retryAfterMs(response.headers);
      const wait = asked ?? DEFAULT_WAIT_MS * (attempt + 1);
      const busy = `arXiv is busy (HTTP ${response.status})`;
      if (asked !== undefined && asked > maxWaitMs) throw new ArxivError("throttled", `${busy} and asks to wait ${formatWait(asked)}; try again later`);
      if (attempt >= retries) throw new ArxivError("throttled", `${busy} and still was after ${retries + 1} tries; try again in a few minutes`);
      await sleep(wait);
      continue;
    }

    // arXiv reports a malformed id with HTTP 400 and an Atom error entry, so read the body first.
    let parsed: { entries: ArxivEntry[]; error?: string } | undefined;
    try {
      parsed = parseArxivFeed(body);
    } catch (error) {
      if (response.ok) throw error;
    }
    if (parsed?.error) throw new ArxivError("api-error", `arXiv refused the lookup of ${shown}: ${parsed.error}`);
    if (!response.ok || !parsed) throw new ArxivError("http", `arXiv answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""} for ${shown}`);

    const entry = parsed.entries.find((e) => e.id.id === wanted.id);
    if (!entry) {
      if (parsed.entries.length > 0) throw new ArxivError("bad-response", `arXiv answered with a different paper (${formatArxivId(parsed.entries[0]!.id)}) for ${shown}`);
      throw new ArxivError("not-found", `arXiv has no paper ${shown}; check the id on https://arxiv.org/abs/${shown}`);
    }
    return entry;
  }
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}

function formatWait(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} s`;
}
