// Many papers in one run of `npm run new`: ids typed on the command line, a
// day of Hugging Face's Daily Papers, an arXiv search. Each source is taken in
// turn: its candidates are listed, those already in the digest (any version,
// any day) are skipped, the rest are fetched from arXiv in batches, filtered by
// the configuration's `import` block (found papers only; ids typed by name are
// taken as asked), checked exactly as `npm run check` would check them, and
// written one whole file at a time. A stop (Ctrl-C) takes effect between files,
// so an interrupted run leaves only whole files. Every outcome is one event,
// reported as it happens; the caller prints them.
import { ARXIV_GAP_MS, fetchArxivEntries, searchArxiv, type ArxivClientOptions, type ArxivEntry, type ArxivLookup } from "../arxiv/api.ts";
import { rejectionOf } from "../arxiv/filter.ts";
import { fetchHfDay, type HfClientOptions } from "../arxiv/hf-daily.ts";
import { createPacer, SourceError } from "../arxiv/remote.ts";
import { compilePaper } from "../content/compile-paper.ts";
import { discoverPapers, MAX_FILE_BYTES, suggestSlug, type PaperSource } from "../content/discover.ts";
import { findForbiddenCharacter } from "../content/text-rules.ts";
import { formatArxivId } from "../util/arxiv-id.ts";
import { identifySource } from "../content/load.ts";
import { paperFromArxiv, paperPath, renderPaperFile, slugFromTitle, writeNewFile, NewPaperError } from "./new.ts";
import type { ArxivId, CalendarDate, ImportSettings, PaperIdentity } from "../types.ts";

/** What to import, from where, and how. */
export interface ImportRequest {
  /** Project root holding content/. */
  root: string;
  /** Ids typed by name: taken as asked, never filtered. */
  ids?: ArxivId[];
  /** A day of Hugging Face's Daily Papers. */
  hfDay?: CalendarDate;
  /** An arXiv search; `until` is the caller's today. */
  search?: { query: string; since?: CalendarDate; until: CalendarDate; max: number };
  /** Digest day for the typed ids and the search (default) and for every paper when `dayForAll`. */
  day: CalendarDate;
  /** `day` also for Hugging Face's papers, which otherwise go on the day Hugging Face listed them. */
  dayForAll?: boolean;
  /** The configuration's filters, applied to found papers; `undefined` applies none. */
  filters?: Pick<ImportSettings, "categories" | "keywords" | "excludeKeywords" | "maxPerDay">;
  /** Versionless ids to treat as handled already (e.g. proposed before and pruned by a maintainer). */
  skip?: ReadonlySet<string>;
  /** Decide everything, write nothing. */
  dryRun?: boolean;
  arxiv?: ArxivClientOptions;
  hf?: HfClientOptions;
  /** Stops the run between files. */
  signal?: AbortSignal;
  /** Called with each outcome as it happens. */
  report?: (event: ImportEvent) => void;
}

/** One outcome of a run. `label` is the paper's id as given, or the source that failed. */
export type ImportEvent =
  | { kind: "listed"; source: string; count: number }
  | { kind: "written"; file: string; entry: ArxivEntry; dryRun: boolean }
  | { kind: "skipped"; label: string; reason: string }
  | { kind: "failed"; label: string; reason: string };

/** What a run did, for its closing line and exit code. */
export interface ImportSummary {
  /** Files written (or, in a dry run, that would have been), relative to the root. */
  written: string[];
  skipped: number;
  failed: number;
  /** The run was stopped before it finished. */
  interrupted: boolean;
}

/** A candidate: the id to ask arXiv for (as it will be written), where it came from, and the day it goes on. */
interface Candidate {
  wanted: ArxivId;
  /** Found by a search or on Hugging Face, so the filters apply. */
  found: boolean;
  day: CalendarDate;
  /** The search's entry, which needs no second request. */
  entry?: ArxivEntry;
}

/** Runs an import; throws only for the machine's problems (a disk that refuses a write), never for a source's. */
export async function importPapers(request: ImportRequest): Promise<ImportSummary> {
  const summary: ImportSummary = { written: [], skipped: 0, failed: 0, interrupted: false };
  const emit = (event: ImportEvent) => {
    if (event.kind === "written") summary.written.push(event.file);
    else if (event.kind === "skipped") summary.skipped++;
    else if (event.kind === "failed") summary.failed++;
    request.report?.(event);
  };
  const digest = await DigestIndex.load(request.root);
  // One pacer per source for the whole run: every arXiv request, whichever source it serves, keeps its distance.
  const arxiv: ArxivClientOptions = {
    ...request.arxiv,
    pacer: request.arxiv?.pacer ?? createPacer(ARXIV_GAP_MS),
    ...(request.signal ? { signal: request.signal } : {}),
  };
  const hf: HfClientOptions = { ...request.hf, ...(request.signal ? { signal: request.signal } : {}) };

  try {
    if (request.ids && request.ids.length > 0) {
      await importCandidates(
        request.ids.map((wanted) => ({ wanted, found: false, day: request.day })),
        request,
        digest,
        arxiv,
        emit,
      );
    }
    if (request.hfDay) {
      const source = `Hugging Face (${request.hfDay})`;
      const listed = await fetchHfDay(request.hfDay, hf).catch((error: unknown) => {
        if (!(error instanceof SourceError) || error.kind === "interrupted") throw error;
        emit({ kind: "failed", label: source, reason: error.message });
        return undefined;
      });
      if (listed) {
        emit({ kind: "listed", source, count: listed.papers.length });
        for (const problem of listed.problems) emit({ kind: "failed", label: source, reason: problem });
        const day = request.dayForAll ? request.day : request.hfDay;
        await importCandidates(
          listed.papers.map((p) => ({ wanted: p.arxiv, found: true, day })),
          request,
          digest,
          arxiv,
          emit,
        );
      }
    }
    if (request.search) {
      const source = `arXiv search "${request.search.query}"`;
      const result = await searchArxiv(request.search, arxiv).catch((error: unknown) => {
        if (!(error instanceof SourceError) || error.kind === "interrupted") throw error;
        emit({ kind: "failed", label: source, reason: error.message });
        return undefined;
      });
      if (result) {
        emit({ kind: "listed", source, count: result.entries.length });
        // A search entry is written following the paper's latest version, as a typed id without a version is.
        await importCandidates(
          result.entries.map((entry) => ({ wanted: { id: entry.id.id }, found: true, day: request.day, entry })),
          request,
          digest,
          arxiv,
          emit,
        );
        if (result.error) emit({ kind: "failed", label: source, reason: result.error.message });
      }
    }
  } catch (error) {
    if (!(error instanceof SourceError && error.kind === "interrupted") && !(error instanceof Interrupted)) throw error;
    summary.interrupted = true;
  }
  if (request.signal?.aborted) summary.interrupted = true;
  return summary;
}

/** Thrown between two files when the run has been stopped. */
class Interrupted extends Error {}

async function importCandidates(
  candidates: Candidate[],
  request: ImportRequest,
  digest: DigestIndex,
  arxiv: ArxivClientOptions,
  emit: (event: ImportEvent) => void,
): Promise<void> {
  // Skip what the digest (or this run) already has before asking arXiv anything.
  const wanted: Candidate[] = [];
  const asked = new Set<string>();
  for (const candidate of candidates) {
    const label = formatArxivId(candidate.wanted);
    const id = candidate.wanted.id;
    if (asked.has(id)) continue;
    asked.add(id);
    const existing = digest.findArxiv(id);
    if (existing) emit({ kind: "skipped", label, reason: `already in the digest as ${existing}` });
    else if (request.skip?.has(id)) emit({ kind: "skipped", label, reason: "listed among the ids to skip" });
    else wanted.push(candidate);
  }

  const toFetch = wanted.filter((c) => !c.entry).map((c) => c.wanted);
  const lookups = new Map<string, ArxivLookup>();
  if (toFetch.length > 0) for (const lookup of await fetchArxivEntries(toFetch, arxiv)) lookups.set(lookup.wanted.id, lookup);

  for (const candidate of wanted) {
    if (request.signal?.aborted) throw new Interrupted();
    const label = formatArxivId(candidate.wanted);
    let entry = candidate.entry;
    if (!entry) {
      const lookup = lookups.get(candidate.wanted.id)!;
      if ("error" in lookup) {
        emit({ kind: "failed", label, reason: lookup.error.message });
        continue;
      }
      entry = lookup.entry;
    }
    const filters = candidate.found ? request.filters : undefined;
    const rejection = filters ? rejectionOf(entry, filters) : undefined;
    if (rejection) {
      emit({ kind: "skipped", label, reason: rejection });
      continue;
    }
    const paper = paperFromArxiv(entry, candidate.wanted);
    const doi = typeof paper.data.doi === "string" ? paper.data.doi : undefined;
    const sameDoi = doi ? digest.findDoi(doi) : undefined;
    if (sameDoi) {
      emit({ kind: "skipped", label, reason: `its DOI ${doi} is already in the digest as ${sameDoi}` });
      continue;
    }
    if (filters?.maxPerDay !== undefined && digest.countOn(candidate.day) >= filters.maxPerDay) {
      emit({ kind: "skipped", label, reason: `${candidate.day} already has ${digest.countOn(candidate.day)} papers, import.max_per_day` });
      continue;
    }

    const written = await writePaper(request, digest, candidate, paper, label, emit);
    if (written) {
      digest.add({ path: written, id: entry.id.id, arxiv: { id: entry.id.id }, ...(doi ? { doi } : {}), lines: {} }, candidate.day);
      emit({ kind: "written", file: written, entry, dryRun: request.dryRun ?? false });
    }
  }
}

/**
 * Checks the paper's file as `npm run check` would, then writes it whole; on a
 * name taken meanwhile, tries the name with the id appended. Returns the file,
 * or `undefined` after reporting why it was not written.
 */
async function writePaper(
  request: ImportRequest,
  digest: DigestIndex,
  candidate: Candidate,
  paper: ReturnType<typeof paperFromArxiv>,
  label: string,
  emit: (event: ImportEvent) => void,
): Promise<string | undefined> {
  // A control character would be written as a YAML escape that the check then reads as mistyped LaTeX; name it plainly instead.
  const control = findControlCharacter({ ...paper.data, body: paper.body });
  if (control) {
    emit({
      kind: "failed",
      label,
      reason: `what arXiv sent has the control character ${control.character} in ${control.field}, which pages and feeds cannot carry; add it by hand: npm run new -- ${label} --manual`,
    });
    return undefined;
  }
  const text = renderPaperFile(paper.data, paper.body);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_FILE_BYTES) {
    emit({
      kind: "failed",
      label,
      reason: `what arXiv sent would make a ${Math.ceil(bytes / 1024)} KB file, more than the ${MAX_FILE_BYTES / 1024} KB a paper file may be; add it by hand: npm run new -- ${label} --manual`,
    });
    return undefined;
  }
  const base = slugFromTitle(paper.title, candidate.wanted);
  for (const slug of [base, `${base}-${suggestSlug(candidate.wanted.id)}`]) {
    const file = paperPath(candidate.day, slug);
    if (digest.hasFile(file)) continue;
    // The same checks as `npm run check` (schema, text rules, math); a file it would refuse is never written.
    const problems = compilePaper({ path: file, text, day: candidate.day, slug }).diagnostics;
    if (problems.length > 0) {
      const first = problems[0]!;
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
      emit({
        kind: "failed",
        label,
        reason: `what arXiv sent would not pass the check: ${first.field ? `${first.field}: ` : ""}${first.message}${more}; add it by hand: npm run new -- ${label} --manual`,
      });
      return undefined;
    }
    if (request.dryRun) return file;
    try {
      await writeNewFile(request.root, file, text);
      return file;
    } catch (error) {
      // Another run wrote this name meanwhile: take the next.
      if (!(error instanceof NewPaperError)) throw error;
      digest.claimFile(file);
    }
  }
  emit({
    kind: "failed",
    label,
    reason: `both ${paperPath(candidate.day, base)} and the name with its id appended are taken; add it with npm run new -- ${label} --slug <name>`,
  });
  return undefined;
}

/** The first forbidden character in any text of a paper's fields, with the field's dotted path. */
function findControlCharacter(value: unknown, field = ""): { field: string; character: string } | undefined {
  if (typeof value === "string") {
    const character = findForbiddenCharacter(value);
    return character ? { field, character } : undefined;
  }
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      const found = findControlCharacter(inner, field ? `${field}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * What the digest holds, read once per run: every paper file, and the identity
 * (arXiv id, DOI) of those that could be the paper asked about. Only a file
 * whose text contains the id or DOI is parsed, as `check <file>` does, so a
 * large digest costs one read of its files.
 */
class DigestIndex {
  private readonly identities = new Map<string, PaperIdentity | undefined>();
  private readonly added: PaperIdentity[] = [];
  private readonly files = new Set<string>();
  private readonly perDay = new Map<CalendarDate, number>();
  /** Each source's text in lowercase, made once: every candidate's id and DOI is looked for in all of them. */
  private readonly lowered: string[];

  private constructor(private readonly sources: PaperSource[]) {
    this.lowered = sources.map((source) => source.text.toLowerCase());
    for (const source of sources) {
      this.files.add(source.path);
      this.perDay.set(source.day, (this.perDay.get(source.day) ?? 0) + 1);
    }
  }

  /** Reads the digest under `root`. */
  static async load(root: string): Promise<DigestIndex> {
    return new DigestIndex((await discoverPapers(root)).sources);
  }

  private identitiesMentioning(text: string): PaperIdentity[] {
    const lower = text.toLowerCase();
    const found: PaperIdentity[] = [];
    for (const [index, source] of this.sources.entries()) {
      if (!this.lowered[index]!.includes(lower)) continue;
      if (!this.identities.has(source.path)) this.identities.set(source.path, identifySource(source));
      const identity = this.identities.get(source.path);
      if (identity) found.push(identity);
    }
    return [...found, ...this.added];
  }

  /** The file that lists this versionless arXiv id, if any. */
  findArxiv(id: string): string | undefined {
    return this.identitiesMentioning(id).find((p) => p.arxiv?.id === id)?.path;
  }

  /** The file that lists this DOI (in any case), if any. */
  findDoi(doi: string): string | undefined {
    const lower = doi.toLowerCase();
    return this.identitiesMentioning(doi).find((p) => p.doi?.toLowerCase() === lower)?.path;
  }

  /** How many paper files the day has, those of this run included. */
  countOn(day: CalendarDate): number {
    return this.perDay.get(day) ?? 0;
  }

  /** Whether a file of that name exists (or this run has claimed it). */
  hasFile(file: string): boolean {
    return this.files.has(file);
  }

  /** Marks a file name as taken. */
  claimFile(file: string): void {
    this.files.add(file);
  }

  /** Records a paper this run wrote (or, in a dry run, would have). */
  add(identity: PaperIdentity, day: CalendarDate): void {
    this.added.push(identity);
    this.files.add(identity.path);
    this.perDay.set(day, this.countOn(day) + 1);
  }
}
