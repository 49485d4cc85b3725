// `npm run new`: an arXiv id or link → a new paper file in the digest, filled
// in from arXiv's API; or, with `--manual`, a template to fill in by hand.
// Every check that can fail runs before anything is written, and the file is
// written whole (a temporary file, then a no-clobber link), so a failure never
// leaves a half-written or overwritten paper behind.
import { randomBytes } from "node:crypto";
import { copyFile, constants, link, lstat, mkdir, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Document, isScalar, visit, type Scalar } from "yaml";
import { fetchArxivEntry, type ArxivClientOptions, type ArxivEntry } from "../arxiv/api.ts";
import { SourceError } from "../arxiv/remote.ts";
import { suggestTags } from "../arxiv/categories.ts";
import { extractArxivId, formatArxivId } from "../util/arxiv-id.ts";
import { abstractToMarkdown, cleanName, cleanTitle, findCodeLink } from "../arxiv/text.ts";
import { loadIdentities } from "../content/load.ts";
import { compilePaper } from "../content/compile-paper.ts";
import { isCalendarDate } from "../util/dates.ts";
import { digestDayProblem, SLUG_PATTERN, suggestSlug } from "../content/discover.ts";
import { checkWebUrl } from "../content/paper-schema.ts";
import type { ArxivId, CalendarDate, Diagnostic } from "../types.ts";

/** What to add, and how to reach arXiv. */
export interface NewPaperOptions {
  /** Project root holding content/. */
  root: string;
  /** What the contributor typed: `2510.04567`, `arXiv:2510.04567`, an arxiv.org link, `hep-th/9901001`. */
  input?: string;
  /** Digest day `YYYY-MM-DD`; default `today`. */
  day?: string;
  /** Today's date in UTC, read by the caller: this module never reads the clock. */
  today: CalendarDate;
  /** File name without `.md`; default derived from the title (or the id for a template). */
  slug?: string;
  /** Write a template to fill in by hand instead of asking arXiv. */
  manual?: boolean;
  /** How to reach arXiv (endpoint, fetch, sleep between retries). */
  arxiv?: ArxivClientOptions;
}

/** What was written. */
export interface NewPaperResult {
  /** The new file, relative to the root. */
  file: string;
  /** The paper as arXiv described it; absent for a template. */
  entry?: ArxivEntry;
  tags: string[];
  /** Problems the build would report in the new file (e.g. LaTeX that KaTeX cannot render); a template has several by design. */
  problems: Diagnostic[];
}

/** A failure the contributor can act on: one line, plus an optional hint. Nothing was written. */
export class NewPaperError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "NewPaperError";
  }
}

/** Adds one paper: validates the request, asks arXiv (unless `manual`), writes the file. */
export async function createPaper(options: NewPaperOptions): Promise<NewPaperResult> {
  const day = options.day ?? options.today;
  if (!isCalendarDate(day)) throw new NewPaperError(`--day ${day} is not a real calendar date; write it as YYYY-MM-DD, e.g. ${options.today}`);
  if (digestDayProblem(day)) throw new NewPaperError(`--day ${digestDayProblem(day)}`, `write the day the digest lists the paper, e.g. ${options.today}`);
  if (options.slug !== undefined && !SLUG_PATTERN.test(options.slug)) {
    throw new NewPaperError(
      `--slug "${options.slug}" is not a valid file name; use lowercase letters, digits and single hyphens, e.g. ${suggestSlug(options.slug)}`,
    );
  }

  const apiProblem = options.arxiv?.apiUrl === undefined ? undefined : checkWebUrl(options.arxiv.apiUrl);
  if (apiProblem) throw new NewPaperError(`the arXiv API address (--api or PAPERBOY_ARXIV_API) is not usable: ${apiProblem}`);

  const arxiv = options.input === undefined ? undefined : extractArxivId(options.input);
  if (options.input !== undefined && !arxiv) {
    throw new NewPaperError(
      `"${options.input}" is not an arXiv id or link (expected e.g. 2510.04567, arXiv:2510.04567, https://arxiv.org/abs/2510.04567 or hep-th/9901001)`,
      options.manual ? undefined : "for a paper that is not on arXiv, write a template to fill in by hand: npm run new -- --manual --slug <name>",
    );
  }
  if (!arxiv && !options.manual)
    throw new NewPaperError(
      "give the paper's arXiv id or link, e.g. npm run new -- 2510.04567",
      "or write a template to fill in by hand: npm run new -- --manual --slug <name>",
    );
  if (arxiv) await refuseDuplicate(options.root, arxiv);

  if (options.manual) {
    const slug = options.slug ?? (arxiv ? suggestSlug(arxiv.id) : undefined);
    if (!slug) throw new NewPaperError("a template needs a file name: npm run new -- --manual --slug <name> (or give the arXiv id)");
    const file = paperPath(day, slug);
    await refuseExisting(options.root, file);
    const text = renderTemplate(arxiv);
    await writeNewFile(options.root, file, text);
    return { file, tags: [], problems: compilePaper({ path: file, text, day, slug }).diagnostics };
  }

  if (options.slug) await refuseExisting(options.root, paperPath(day, options.slug));
  const entry = await fetchArxivEntry(arxiv!, options.arxiv).catch((error: unknown) => {
    // An interrupted run is the caller's to report; any other failure is arXiv's, explained.
    if (error instanceof SourceError && error.kind !== "interrupted") {
      throw new NewPaperError(
        `${error.message}. Nothing was written.`,
        `to fill in the paper by hand instead: npm run new -- ${formatArxivId(arxiv!)} --manual`,
      );
    }
    throw error;
  });
  const paper = paperFromArxiv(entry, arxiv!);
  if (typeof paper.data.doi === "string") await refuseDuplicateDoi(options.root, paper.data.doi);
  const slug = options.slug ?? slugFromTitle(paper.title, arxiv!);
  const file = paperPath(day, slug);
  await refuseExisting(options.root, file);
  const text = renderPaperFile(paper.data, paper.body);
  await writeNewFile(options.root, file, text);
  return { file, entry, tags: paper.tags, problems: compilePaper({ path: file, text, day, slug }).diagnostics };
}

/** Where a paper of `day` named `slug` lives, relative to the root. */
export function paperPath(day: CalendarDate, slug: string): string {
  return `content/papers/${day}/${slug}.md`;
}

async function refuseDuplicate(root: string, arxiv: ArxivId): Promise<void> {
  // Only a file that mentions the id can hold it; the rest need not be parsed.
  const existing = (await loadIdentities(root, (source) => source.text.includes(arxiv.id))).find((p) => p.arxiv?.id === arxiv.id);
  if (existing) {
    throw new NewPaperError(
      `arXiv ${arxiv.id} is already in the digest as ${existing.path}${existing.arxiv?.version ? ` (${formatArxivId(existing.arxiv)})` : ""}; a paper is listed once, so nothing was written`,
    );
  }
}

/** A journal version listed by its DOI is the same paper. */
async function refuseDuplicateDoi(root: string, doi: string): Promise<void> {
  const lower = doi.toLowerCase();
  const existing = (await loadIdentities(root, (source) => source.text.toLowerCase().includes(lower))).find((p) => p.doi?.toLowerCase() === lower);
  if (existing) throw new NewPaperError(`this paper (DOI ${doi}) is already in the digest as ${existing.path}; a paper is listed once, so nothing was written`);
}

async function refuseExisting(root: string, file: string): Promise<void> {
  if (await exists(path.join(root, file))) {
    throw new NewPaperError(
      `${file} already exists and was left as it is`,
      "choose another file name with --slug <name>, or another day with --day YYYY-MM-DD",
    );
  }
}

/** Front matter and body for a paper, from arXiv's description of it; `wanted` is the id as it is to be written (pinned to a version or not). */
export function paperFromArxiv(entry: ArxivEntry, wanted: ArxivId): { title: string; data: Record<string, unknown>; body: string; tags: string[] } {
  const title = cleanTitle(entry.title);
  const tags = suggestTags(entry.categories);
  const code = findCodeLink(`${entry.comment ?? ""} ${entry.summary}`);
  const doi = entry.doi?.split(/\s+/).find((d) => /^10\.\d{4,9}\/\S+$/.test(d));
  const data: Record<string, unknown> = {
    title,
    authors: entry.authors.map(cleanName),
    // The id as the contributor gave it: pinned to a version only if they pinned one.
    arxiv: formatArxivId(wanted),
    ...(doi ? { doi } : {}),
    ...(/^\d{4}-\d{2}-\d{2}/.test(entry.published) ? { published: entry.published.slice(0, 10) } : {}),
    ...(entry.journalRef ? { venue: entry.journalRef } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    // The abstract page and the PDF are made from the arXiv id by the build, so links.pdf would only repeat it.
    ...(code ? { links: { code } } : {}),
  };
  return { title, data, body: abstractToMarkdown(entry.summary), tags };
}

const STOP_WORDS = new Set(["a", "an", "the", "of", "for", "and", "or", "in", "on", "to", "with", "via", "by", "from", "at", "is"]);

/**
 * A short file name from a title: the name before a colon when the title has
 * one (`BAQ: Efficient …` → `baq`), else its first words without leading or
 * trailing small words; the arXiv id when the title has no Latin letters.
 */
export function slugFromTitle(title: string, arxiv: ArxivId): string {
  // A formula that is one command keeps its name ($\theta$ → theta); longer ones make poor file names.
  const text = title.replace(/\$([^$]*)\$/g, (_math, tex: string) => (/^\\[a-zA-Z]+$/.test(tex.trim()) ? tex.trim().slice(1) : " "));
  const trim = (words: string[]) => {
    while (words.length > 1 && STOP_WORDS.has(words[0]!)) words.shift();
    while (words.length > 1 && STOP_WORDS.has(words[words.length - 1]!)) words.pop();
    return words;
  };
  const colon = text.indexOf(":");
  const head = colon > 0 ? trim(suggestSlug(text.slice(0, colon)).split("-")) : [];
  if (head.length > 0 && head.length <= 4 && head.join("") !== "paper") return head.join("-");
  const words = trim(trim(suggestSlug(text).split("-")).slice(0, 6));
  const slug = words.join("-");
  return slug && slug !== "paper" && /[a-z]/.test(slug) ? slug : `arxiv-${suggestSlug(arxiv.id)}`;
}

/** A paper file: YAML front matter written by the `yaml` package (so every value round-trips), then the body. */
export function renderPaperFile(data: Record<string, unknown>, body: string): string {
  const doc = new Document(data);
  visit(doc, {
    Scalar(_key, node: Scalar) {
      // Backslashes (LaTeX) are literal only in single quotes; the build refuses "\t"-style escapes.
      if (typeof node.value === "string" && node.value.includes("\\")) node.type = "QUOTE_SINGLE";
    },
  });
  const arxiv = doc.get("arxiv", true);
  // Quoted, as the README writes it: an unquoted 2510.04560 reads as a number elsewhere.
  if (isScalar(arxiv)) arxiv.type = "QUOTE_DOUBLE";
  return `---\n${doc.toString({ singleQuote: true, lineWidth: 0 })}---\n${body}\n`;
}

/**
 * A template with every field explained in comments. Its required fields are
 * left empty and it has no summary, so `npm run check` fails on it, naming each
 * field still to fill in, until a person has completed it.
 */
function renderTemplate(arxiv?: ArxivId): string {
  return `---
# A paper for the digest, to fill in by hand. Lines starting with # are
# comments that explain each field; delete them when you are done. A field
# left empty counts as absent. \`npm run check <this file>\` lists what is
# still missing, and passes once the paper is complete.

# title (required): the paper's title, on one line. Inline math is written
# $…$. Use 'single quotes' if the title contains a backslash (LaTeX), and
# "double quotes" if it contains ": ".
title:

# authors (required): one name per line, in the paper's order, in any script:
#   - Chao Zhang
#   - Łukasz Kaiser
authors:

# At least one of arxiv, doi and url is required.
# arxiv: the arXiv id, in double quotes: "2510.04567", pinned to a version
# "2510.04567v2", or old style "hep-th/9901001". The site links the abstract
# and the PDF from it.
arxiv:${arxiv ? ` "${formatArxivId(arxiv)}"` : ""}
# doi: the bare DOI, without https://doi.org/, e.g. 10.1145/3292500.3330701
doi:
# url: the paper's own web page, a full https:// address.
url:

# published (optional): the date the paper first appeared, YYYY-MM-DD.
published:
# venue (optional): where it was published, e.g. NeurIPS 2024.
venue:
# tags (optional): up to 12 topics, lowercase with hyphens, one per line:
#   - machine-learning
#   - quantization
tags:
# links (optional): any of code, project, pdf, model, dataset, data, video and
# demo, each a full https:// address (model and dataset: what the paper
# releases, e.g. on the Hugging Face Hub):
#   code: https://github.com/owner/repo
#   project: https://example.org/project
#   model: https://huggingface.co/owner/model
links:
# submitted_by (optional): your GitHub user name, without the @; the paper's
# page shows it, linked to your GitHub profile.
submitted_by:
# draft (optional): true keeps the paper out of the published site.
draft:

# Below the closing --- line comes the summary (required): a few sentences in
# your own words, in Markdown, keeping the paper's key numbers. Math is
# written $…$ inline and $$…$$ on lines of its own.
---
`;
}

/** Writes a new file (path relative to `root`) whole, or not at all; never replaces an existing one. */
export async function writeNewFile(root: string, file: string, text: string): Promise<void> {
  const target = path.join(root, file);
  const dir = path.dirname(target);
  const madeDir = await mkdir(dir, { recursive: true });
  // A dot-file, so no scan of the content folder ever mistakes it for a paper.
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, text, { flag: "wx" });
    try {
      await link(temp, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV") throw error;
      // File systems without hard links: an exclusive copy still never overwrites.
      await copyFile(temp, target, constants.COPYFILE_EXCL);
    }
  } catch (error) {
    await rm(temp, { force: true });
    // Folders this call made go only if empty: another `new` may have written its paper there meanwhile.
    if (madeDir) {
      for (let folder = dir; folder.startsWith(madeDir); folder = path.dirname(folder)) {
        if (
          !(await rmdir(folder).then(
            () => true,
            () => false,
          ))
        )
          break;
      }
    }
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new NewPaperError(`${file} already exists and was left as it is`, "choose another file name with --slug <name>");
    throw error;
  }
  await rm(temp, { force: true });
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** What `npm run new` prints after writing: the file, what came from arXiv, and the next step. */
export function describeNewPaper(result: NewPaperResult): string {
  const check = `npm run check ${result.file}`;
  if (!result.entry) {
    return [
      `Wrote ${result.file}, a template to fill in by hand.`,
      `Next: fill in the fields its comments explain and write the summary, then run`,
      `  ${check}`,
      `until it passes, and open a pull request with the file.`,
    ].join("\n");
  }
  const { entry } = result;
  const authors = `${entry.authors.length} ${entry.authors.length === 1 ? "author" : "authors"}`;
  const lines = [`Wrote ${result.file}`, `  arXiv ${formatArxivId(entry.id)}: ${cleanTitle(entry.title)} (${authors})`];
  if (result.tags.length > 0) lines.push(`  Tags suggested from arXiv's categories (${entry.categories.join(", ")}): ${result.tags.join(", ")}`);
  if (entry.comment) lines.push(`  arXiv's comment: ${entry.comment}`);
  if (result.problems.length > 0) {
    lines.push(`The file needs a fix before the digest accepts it (below); edit it, then run`, `  ${check}`);
    return lines.join("\n");
  }
  lines.push(
    `Next: read it through (the body is arXiv's abstract: a summary in your own words is welcome; keep the`,
    `tags that fit the digest), then run`,
    `  ${check}`,
    `and open a pull request with the file.`,
  );
  return lines.join("\n");
}
