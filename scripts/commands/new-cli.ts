// `npm run new` on the command line: its options, their checks, and what it
// prints. One id without bulk options is today's single-paper flow
// (`createPaper`); several ids, `--hf-day`, `--query` or `--scheduled` make a
// bulk import (`importPapers`) that ends with a summary. Kept here, beside the
// command, so the command line's dispatcher stays a one-line `case`.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { SourceError } from "../arxiv/remote.ts";
import { CONFIG_FILE, loadConfig } from "../content/config.ts";
import { DEFAULT_IMPORT, scheduledQuery } from "../content/import-config.ts";
import { checkWebUrl } from "../content/paper-schema.ts";
import { findForbiddenCharacter } from "../content/text-rules.ts";
import { visible } from "../diagnostics/format.ts";
import { extractArxivId, formatArxivId, parseArxivId } from "../util/arxiv-id.ts";
import { addDays, isCalendarDate } from "../util/dates.ts";
import { defineCommand, parseCommandLine, type OptionValues } from "./command-line.ts";
import { NEW_OPTIONS } from "./new-options.ts";
import { importPapers, type ImportEvent, type ImportRequest, type ImportSummary } from "./import-papers.ts";
import { createPaper, describeNewPaper, NewPaperError } from "./new.ts";
import type { ArxivId, CalendarDate, Diagnostic } from "../types.ts";

/** What the command needs from the process: everything it reads or prints, so tests can run it in process. */
export interface NewCommandContext {
  root: string;
  env: NodeJS.ProcessEnv;
  /** Today's date in UTC, read by the caller. */
  today: CalendarDate;
  /** Set when the person running the command presses Ctrl-C. */
  signal?: AbortSignal;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Prints diagnostics as the other commands do. */
  report: (diagnostics: readonly Diagnostic[]) => void;
}

/** Exit code of an interrupted run, as shells report Ctrl-C. */
const INTERRUPTED = 130;
/** Results a scheduled arXiv search reads before the filters choose among them. */
const SCHEDULED_SEARCH_MAX = 200;
/**
 * A scheduled arXiv search looks back this many days before its day: arXiv
 * announces a paper up to four days after its submission (Friday afternoon to
 * Tuesday, UTC), and the search finds only announced papers. Those seen before
 * are skipped as already in the digest, or by the pull request's marker.
 */
const SCHEDULED_LOOKBACK_DAYS = 3;
const DEFAULT_SEARCH_MAX = 50;
const MAX_SEARCH_MAX = 1000;
/** A file of ids to skip is a list, not a corpus. */
const MAX_SKIP_FILE_BYTES = 1024 * 1024;

/** The values `new`'s options were given. */
type Values = OptionValues<typeof NEW_OPTIONS>;

/** Runs `new` with its arguments (after the command's name), as the command line would; returns the exit code. */
export async function runNew(argv: readonly string[], context: NewCommandContext): Promise<number> {
  const parsed = parseCommandLine(newCommandShape, argv);
  if (parsed.wants !== "run") throw new Error(`internal error: runNew is not for --${parsed.wants}, please report`);
  return runNewWith(parsed.options, parsed.args, context);
}

/** The command's shape for parsing, without its work (which would import this module). */
const newCommandShape = defineCommand({
  name: "new",
  summary: "",
  args: { usage: "<id-or-link>…", max: Infinity },
  options: NEW_OPTIONS,
  examples: [""],
  run: async () => 0,
});

/** Runs `new` with its parsed options and arguments; returns the exit code. */
export async function runNewWith(values: Values, positionals: string[], context: NewCommandContext): Promise<number> {
  const apiUrl = values.api ?? (context.env.PAPERBOY_ARXIV_API || undefined);
  const hfUrl = values["hf-api"] ?? (context.env.PAPERBOY_HF_API || undefined);
  const bulk =
    positionals.length > 1 ||
    [values["hf-day"], values.query, values.since, values.max, values.scheduled, values["skip-ids"]].some((v) => v !== undefined) ||
    values["dry-run"] === true ||
    values.strict === true ||
    values["no-filters"] === true;
  try {
    if (!bulk) return await addOne(positionals[0], values, apiUrl, context);
    return await addMany(positionals, values, apiUrl, hfUrl, context);
  } catch (error) {
    if (error instanceof SourceError && error.kind === "interrupted") {
      context.err("Interrupted before anything was written.");
      return INTERRUPTED;
    }
    if (!(error instanceof NewPaperError)) throw error;
    context.err(error.message);
    if (error.hint) context.err(`  ${error.hint}`);
    return 1;
  }
}

/** One paper, as `npm run new -- <id>` has always done it. */
async function addOne(input: string | undefined, values: Values, apiUrl: string | undefined, context: NewCommandContext): Promise<number> {
  const result = await createPaper({
    root: context.root,
    today: context.today,
    ...(input !== undefined ? { input } : {}),
    ...(values.day !== undefined ? { day: values.day } : {}),
    ...(values.slug !== undefined ? { slug: values.slug } : {}),
    manual: values.manual ?? false,
    arxiv: { ...(apiUrl !== undefined ? { apiUrl } : {}), ...(context.signal ? { signal: context.signal } : {}) },
  });
  context.out(describeNewPaper(result));
  if (result.entry && result.problems.length > 0) {
    context.report(result.problems);
    return 1;
  }
  return 0;
}

/** Many papers: checks every option first, then imports, printing one line per paper and a summary. */
async function addMany(
  positionals: string[],
  values: Values,
  apiUrl: string | undefined,
  hfUrl: string | undefined,
  context: NewCommandContext,
): Promise<number> {
  const { today } = context;
  if (values.slug !== undefined)
    throw new NewPaperError("--slug names one file, so it works with one paper only", "leave it out: each paper's file is named after its title");
  if (values.manual) throw new NewPaperError("--manual writes one template, so it works with one paper only");
  const day = values.day;
  if (day !== undefined) checkDay("--day", day, today);
  const ids = positionals.map((input): ArxivId => {
    const arxiv = extractArxivId(input);
    if (!arxiv)
      throw new NewPaperError(
        `"${printable(input)}" is not an arXiv id or link (expected e.g. 2510.04567, arXiv:2510.04567, https://arxiv.org/abs/2510.04567 or hep-th/9901001); nothing was written`,
      );
    return arxiv;
  });
  checkAddress("the arXiv API address (--api or PAPERBOY_ARXIV_API)", apiUrl);
  checkAddress("the Hugging Face API address (--hf-api or PAPERBOY_HF_API)", hfUrl);
  if (values.query === undefined && (values.since !== undefined || values.max !== undefined)) {
    throw new NewPaperError(
      `${values.since !== undefined ? "--since" : "--max"} goes with --query, which is missing`,
      'e.g. npm run new -- --query "cat:cs.LG AND abs:quantization" --since 2025-10-01 --max 30',
    );
  }
  if (values.scheduled !== undefined && (ids.length > 0 || values["hf-day"] !== undefined || values.query !== undefined || day !== undefined)) {
    throw new NewPaperError("--scheduled imports what the configuration names for its day; it takes no ids, --hf-day, --query or --day");
  }

  const configured = await loadConfig(context.root, context.env);
  if (!configured.config) {
    context.report(configured.diagnostics);
    throw new NewPaperError(`${CONFIG_FILE} has problems (above); fix them first. Nothing was written.`);
  }
  const settings = configured.config.import ?? DEFAULT_IMPORT;

  const request: ImportRequest = {
    root: context.root,
    ids,
    day: day ?? today,
    dayForAll: day !== undefined,
    dryRun: values["dry-run"] ?? false,
    arxiv: apiUrl !== undefined ? { apiUrl } : {},
    hf: hfUrl !== undefined ? { apiUrl: hfUrl } : {},
    ...(values["no-filters"] ? {} : { filters: settings }),
    ...(context.signal ? { signal: context.signal } : {}),
  };
  if (values["hf-day"] !== undefined) request.hfDay = checkDay("--hf-day", values["hf-day"], today);
  if (values.query !== undefined) {
    request.search = {
      query: checkQuery(values.query),
      until: today,
      max: values.max === undefined ? DEFAULT_SEARCH_MAX : checkMax(values.max),
      ...(values.since !== undefined ? { since: checkDay("--since", values.since, today) } : {}),
    };
  }
  if (values.scheduled !== undefined) {
    const forDay = checkDay("--scheduled", values.scheduled, today);
    if (!settings.scheduled) {
      context.out(`The scheduled import is off: set import.scheduled: true in ${CONFIG_FILE} to turn it on. Nothing was written.`);
      return 0;
    }
    request.day = forDay;
    if (settings.source === "hugging-face") request.hfDay = forDay;
    else request.search = { query: scheduledQuery(settings)!, since: addDays(forDay, -SCHEDULED_LOOKBACK_DAYS), until: today, max: SCHEDULED_SEARCH_MAX };
  }
  if (values["skip-ids"] !== undefined) request.skip = await readSkipIds(context.root, values["skip-ids"]);
  if (ids.length === 0 && !request.hfDay && !request.search) {
    throw new NewPaperError(
      'give arXiv ids or links, --hf-day YYYY-MM-DD or --query "<arXiv search>"',
      "e.g. npm run new -- 2510.04567 2510.01234, or npm run new -- --hf-day 2025-10-06",
    );
  }

  const summary = await importPapers({ ...request, report: (event) => printEvent(event, context) });
  printSummary(summary, request.dryRun ?? false, context);
  if (summary.interrupted) return INTERRUPTED;
  return summary.failed > 0 && (values.strict || summary.written.length === 0) ? 1 : 0;
}

function checkDay(option: string, value: string, today: CalendarDate): CalendarDate {
  if (!isCalendarDate(value)) throw new NewPaperError(`${option} ${printable(value)} is not a real calendar date; write it as YYYY-MM-DD, e.g. ${today}`);
  // A day ahead is allowed: east of UTC, tomorrow's list may already be out.
  if (value > addDays(today, 1)) throw new NewPaperError(`${option} ${value} is in the future (today is ${today} in UTC)`);
  return value;
}

function checkAddress(what: string, url: string | undefined): void {
  const problem = url === undefined ? undefined : checkWebUrl(url);
  if (problem) throw new NewPaperError(`${what} is not usable: ${problem}`);
}

function checkQuery(query: string): string {
  const text = query.replace(/\s+/g, " ").trim();
  if (text === "") throw new NewPaperError('--query is empty; give an arXiv search, e.g. --query "cat:cs.LG AND abs:quantization"');
  if (text.length > 1000) throw new NewPaperError(`--query is ${text.length} characters long; an arXiv search may be at most 1000`);
  const bad = findForbiddenCharacter(text);
  if (bad) throw new NewPaperError(`--query contains the control character ${bad}`);
  return text;
}

function checkMax(value: string): number {
  const max = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(max) || max < 1 || max > MAX_SEARCH_MAX)
    throw new NewPaperError(`--max ${printable(value)} is not a number from 1 to ${MAX_SEARCH_MAX}`);
  return max;
}

/** Every arXiv id in a file (any text: one a line, a pull request's body, …), versionless. */
async function readSkipIds(root: string, file: string): Promise<Set<string>> {
  let text: string;
  try {
    const bytes = await readFile(path.resolve(root, file));
    if (bytes.byteLength > MAX_SKIP_FILE_BYTES) throw new NewPaperError(`--skip-ids ${file} is larger than 1 MB; it should list ids, one a line`);
    text = bytes.toString("utf8");
  } catch (error) {
    if (error instanceof NewPaperError) throw error;
    throw new NewPaperError(`--skip-ids ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const ids = new Set<string>();
  for (const match of text.matchAll(/(?<![\w./-])(?:\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?(?![\w.])/g)) {
    const arxiv = parseArxivId(match[0]);
    if (arxiv) ids.add(arxiv.id);
  }
  return ids;
}

/** Untrusted text (a title from arXiv, an argument) on one line, its control and direction characters made visible. */
function printable(text: string): string {
  return visible(text.replace(/[\r\n\t\u2028\u2029]+/g, " "));
}

function printEvent(event: ImportEvent, context: NewCommandContext): void {
  // Every line starts with our own word, so no text from a source can begin a line (and so a GitHub Actions command).
  switch (event.kind) {
    case "listed":
      context.out(`${event.source}: ${event.count} ${event.count === 1 ? "paper" : "papers"}.`);
      return;
    case "written":
      context.out(`${event.dryRun ? "Would write" : "Wrote"} ${event.file}: arXiv ${formatArxivId(event.entry.id)}, ${printable(event.entry.title)}`);
      return;
    case "skipped":
      context.out(`Skipped ${printable(event.label)}: ${printable(event.reason)}`);
      return;
    case "failed":
      context.err(`Failed ${printable(event.label)}: ${printable(event.reason)}`);
      return;
  }
}

function printSummary(summary: ImportSummary, dryRun: boolean, context: NewCommandContext): void {
  const written = summary.written.length;
  const counts = `${written} ${dryRun ? "would be written" : "written"}, ${summary.skipped} skipped, ${summary.failed} failed`;
  if (summary.interrupted) {
    context.out(`Interrupted: ${counts} before the stop; every file written is whole.`);
    return;
  }
  if (dryRun) {
    context.out(`${counts}. Nothing was written (--dry-run).`);
    return;
  }
  context.out(`${counts}.`);
  if (written > 0)
    context.out(
      `Next: read ${written === 1 ? "it" : "them"} through (the bodies are arXiv's abstracts; keep the tags that fit), run npm run check, and open a pull request.`,
    );
}
