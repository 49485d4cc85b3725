// One GET to a paper source (arXiv's API, Hugging Face's), made politely: one
// request at a time, a fixed gap between requests to the same source, retries
// while the source throttles (429/503, honouring `Retry-After` up to a limit),
// a time limit per request, and a cap on the answer's size, so that a broken
// or hostile server can neither flood memory nor hang the run. Every failure
// becomes a `SourceError` whose message is one line naming the source.
import { setTimeout as delay } from "node:timers/promises";

/** Why a request failed. `interrupted` is the run being stopped (Ctrl-C), not the source's fault. */
export type SourceFailure = "network" | "timeout" | "throttled" | "http" | "api-error" | "not-found" | "bad-response" | "too-large" | "interrupted";

/** A request to a source that failed for a reason outside our code; `message` is one line, written for the person running the command. */
export class SourceError extends Error {
  constructor(
    readonly kind: SourceFailure,
    message: string,
  ) {
    super(message);
    this.name = "SourceError";
  }
}

/** How to reach a source; every part is replaceable so tests run offline and never wait. */
export interface RemoteOptions {
  fetch?: typeof fetch;
  /** Waits between requests and retries; tests pass one that records the wait and returns at once. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Further attempts after a 429/503 answer (default 3). */
  retries?: number;
  /** Longest wait accepted from `Retry-After`; longer asks end the request (default 60 s). */
  maxWaitMs?: number;
  /** Per-request time limit (default 30 s). */
  timeoutMs?: number;
  /** Stops the run: a request under way is abandoned and no new one starts. */
  signal?: AbortSignal;
}

/**
 * The requests one run makes to one source, so that they keep their distance:
 * every request but the first waits `gapMs` first (arXiv asks for three seconds).
 * Sequential requests that each wait the gap are at least the gap apart, so no
 * clock is needed.
 */
export interface Pacer {
  readonly gapMs: number;
  sent: number;
}

/** A pacer for one source in one run. */
export function createPacer(gapMs: number): Pacer {
  return { gapMs, sent: 0 };
}

/** What a source answered, read whole (and no larger than asked). */
export interface RemoteAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  body: string;
}

/** What `getPolitely` needs besides the address. */
export interface PoliteRequest extends RemoteOptions {
  /** The source's name as messages give it: `arXiv`, `Hugging Face`. */
  source: string;
  accept: string;
  /** Largest answer accepted, in bytes. */
  maxBytes: number;
  pacer: Pacer;
}

const RETRY_STATUSES = new Set([429, 503]);
/** Without `Retry-After`, a throttled request backs off from this, growing with each attempt. */
const BACKOFF_MS = 3000;
const USER_AGENT = "paperboy (npm run new)";

/** Waits `ms`, or until the run is stopped. */
async function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  await delay(ms, undefined, signal ? { signal } : undefined).catch(() => {});
}

/** GETs `url`, waiting its turn; retries while the source throttles; throws `SourceError` with a one-line reason. */
export async function getPolitely(url: URL, request: PoliteRequest): Promise<RemoteAnswer> {
  const fetchImpl = request.fetch ?? fetch;
  const sleep = request.sleep ?? sleepFor;
  const retries = request.retries ?? 3;
  const maxWaitMs = request.maxWaitMs ?? 60_000;
  const timeoutMs = request.timeoutMs ?? 30_000;
  const { source, pacer, signal } = request;
  const host = url.host;
  const stopped = () => new SourceError("interrupted", `stopped before ${source} answered`);

  let wait = pacer.sent > 0 ? pacer.gapMs : 0;
  for (let attempt = 0; ; attempt++) {
    if (wait > 0) await sleep(wait, signal);
    if (signal?.aborted) throw stopped();
    pacer.sent++;

    let answer: RemoteAnswer;
    const limit = AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetchImpl(url, {
        headers: { Accept: request.accept, "User-Agent": USER_AGENT },
        signal: signal ? AbortSignal.any([signal, limit]) : limit,
      });
      answer = {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body: await readCapped(response, request.maxBytes, source),
      };
    } catch (error) {
      if (error instanceof SourceError) throw error;
      if (signal?.aborted) throw stopped();
      const name = (error as Error)?.name;
      if (name === "TimeoutError" || name === "AbortError") throw new SourceError("timeout", `${source} (${host}) did not answer within ${timeoutMs / 1000} s`);
      throw new SourceError("network", `could not reach ${source} at ${host} (${networkReason(error)})`);
    }

    if (!RETRY_STATUSES.has(answer.status)) return answer;
    const asked = retryAfterMs(answer.headers);
    const busy = `${source} is busy (HTTP ${answer.status})`;
    if (asked !== undefined && asked > maxWaitMs) throw new SourceError("throttled", `${busy} and asks to wait ${formatWait(asked)}; try again later`);
    if (attempt >= retries) throw new SourceError("throttled", `${busy} and still was after ${retries + 1} tries; try again in a few minutes`);
    // A retry is a request like any other: never closer than the gap.
    wait = Math.max(asked ?? BACKOFF_MS * (attempt + 1), pacer.gapMs);
  }
}

/** The body as text, refusing more than `maxBytes` (the declared length is checked first, then what arrives). */
async function readCapped(response: Response, maxBytes: number, source: string): Promise<string> {
  const tooLarge = () => new SourceError("too-large", `${source}'s answer is larger than ${formatBytes(maxBytes)}, more than any real answer; it was not read`);
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
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

/** The start of a text, on one line, for messages about an answer that is not what it should be. */
export function answerStart(text: string, length = 40): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, length)
    .replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, "?");
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}

function formatWait(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} s`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
