// Content folder → paper source files, sorted, each with the day and slug its
// path gives. Layout problems (a stray file, a folder that is no date, a symbolic
// link) become diagnostics here, so later stages only ever see well-placed files.
// Synchronous on purpose: reading ten thousand small files one promise at a
// time costs about ten times more than reading them in a plain loop, and the
// build has nothing else to do meanwhile.
import { closeSync, type Dirent, fstatSync, lstatSync, openSync, readdirSync, readSync } from "node:fs";
import path from "node:path";
import { FIRST_DIGEST_YEAR, isCalendarDate, LAST_DIGEST_YEAR, yearOf } from "../util/dates.ts";
import { byCodeUnit } from "../util/order.ts";
import type { RuleIn } from "../diagnostics/rules.ts";
import type { Diagnostic, PaperLocation, SourceFile } from "../types.ts";

/** A paper file as found on disk, with the location its path encodes. */
export type PaperSource = SourceFile & PaperLocation;

/** Largest paper file accepted; a summary is a few sentences, so this is generous. */
export const MAX_FILE_BYTES = 100 * 1024;

/** Lowercase letters and digits in hyphen-separated words: `baq`, `chain-of-experts`. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Result of scanning the content folder. */
export interface Discovery {
  sources: PaperSource[];
  diagnostics: Diagnostic[];
}

/**
 * Reads every paper under `<root>/content/papers/`. Paths in the result are
 * relative to `root`. Symbolic links are refused outright: following one could
 * read files from outside the content folder.
 */
export async function discoverPapers(root: string, contentDir = "content"): Promise<Discovery> {
  const papersRel = `${contentDir}/papers`;
  const papersAbs = path.join(root, contentDir, "papers");
  const sources: PaperSource[] = [];
  const diagnostics: Diagnostic[] = [];
  const problem = (file: string, rule: RuleIn<"content">, message: string, fix?: string) =>
    diagnostics.push({ file, line: 0, rule, message, ...(fix ? { fix } : {}) });

  // A link anywhere on the way would let a pull request point the build at files outside the repository.
  for (const [rel, abs] of [
    [contentDir, path.join(root, contentDir)],
    [papersRel, papersAbs],
  ] as const) {
    const info = lstatOrUndefined(abs);
    if (info?.isSymbolicLink()) {
      problem(rel, "content/symlink", "is a symbolic link, which content may not contain", "replace the link with a real folder");
      return { sources, diagnostics };
    }
  }

  // Listed with their types, so no file needs a stat of its own to tell a link or a folder from a file.
  let days: Dirent[];
  try {
    days = readdirSync(papersAbs, { withFileTypes: true }).sort((a, b) => byCodeUnit(a.name, b.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      problem(
        papersRel,
        "content/missing-folder",
        "the papers folder does not exist",
        `create ${papersRel}/YYYY-MM-DD/ and put one Markdown file per paper in it`,
      );
      return { sources, diagnostics };
    }
    throw error;
  }

  for (const dayEntry of days) {
    const day = dayEntry.name;
    if (day.startsWith(".")) continue;
    const dayRel = `${papersRel}/${day}`;
    const dayAbs = path.join(papersAbs, day);
    const dayStat = dayEntry;
    if (dayStat.isSymbolicLink()) {
      problem(dayRel, "content/symlink", "is a symbolic link, which content may not contain", "replace the link with a real folder");
      continue;
    }
    if (!dayStat.isDirectory()) {
      problem(
        dayRel,
        "content/stray-file",
        "papers live in a folder named after their digest day, not directly in content/papers",
        `move it to ${papersRel}/YYYY-MM-DD/${suggestFileName(day)}`,
      );
      continue;
    }
    const badDay = checkDayFolder(dayRel, day);
    if (badDay) {
      diagnostics.push(badDay);
      continue;
    }

    for (const entry of readdirSync(dayAbs, { withFileTypes: true }).sort((a, b) => byCodeUnit(a.name, b.name))) {
      const { name } = entry;
      if (name.startsWith(".")) continue;
      const found = await readPaperFile(root, `${dayRel}/${name}`, day, entry);
      if ("diagnostic" in found) diagnostics.push(found.diagnostic);
      else sources.push(found.source);
    }
  }
  return { sources, diagnostics };
}

/** The problem with a day folder's name, if it is not a real calendar date in the years a digest day may have. */
export function checkDayFolder(dayRel: string, day: string): Diagnostic | undefined {
  const problem = digestDayProblem(day);
  if (!problem) return undefined;
  return {
    file: dayRel,
    line: 0,
    rule: "content/bad-day",
    message: `folder ${problem}`,
    fix: "name each day folder YYYY-MM-DD after the day the papers are listed, e.g. 2025-10-06",
  };
}

/** What is wrong with `day` as a digest day (`"0099-01-01" is a day before 1970…`), or `undefined` when it is one: a real date from 1970 to 9998. */
export function digestDayProblem(day: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return `"${day}" is not a date`;
  if (!isCalendarDate(day)) return `"${day}" is not a real calendar date`;
  if (yearOf(day) < FIRST_DIGEST_YEAR) return `"${day}" is a day before ${FIRST_DIGEST_YEAR}; a digest day is the day the digest listed its papers`;
  if (yearOf(day) > LAST_DIGEST_YEAR) return `"${day}" is a day after ${LAST_DIGEST_YEAR}; a digest day is the day the digest listed its papers`;
  return undefined;
}

/**
 * Reads one paper file, given its path relative to `root` and the (already
 * checked) day folder it sits in. Used by the full scan and by `check <files>`.
 */
export async function readPaperFile(
  root: string,
  fileRel: string,
  day: string,
  /** What the file is, when its folder's listing already said (saves a stat). */
  kind?: Pick<Dirent, "isSymbolicLink" | "isFile">,
): Promise<{ source: PaperSource } | { diagnostic: Diagnostic }> {
  const fail = (rule: RuleIn<"content">, message: string, fix?: string) => ({
    diagnostic: { file: fileRel, line: 0, rule, message, ...(fix ? { fix } : {}) },
  });
  const name = path.posix.basename(fileRel);
  const dayRel = path.posix.dirname(fileRel);
  const fileAbs = path.join(root, fileRel);
  const stat = kind ?? lstatSync(fileAbs);
  if (stat.isSymbolicLink()) return fail("content/symlink", "is a symbolic link, which content may not contain", "replace the link with the file itself");
  if (!stat.isFile()) return fail("content/stray-folder", "a day folder holds paper files only, not folders", `move the papers inside it up into ${dayRel}/`);
  if (!name.endsWith(".md")) {
    return fail(
      "content/not-markdown",
      "is not a Markdown file (paper files end in .md)",
      `rename it to ${suggestFileName(name)} if it is a paper, or move it out of the papers folder`,
    );
  }
  const slug = name.slice(0, -3);
  if (!SLUG_PATTERN.test(slug)) {
    return fail(
      "content/bad-slug",
      `file name "${slug}" is not a valid slug (lowercase letters, digits and single hyphens)`,
      `rename it to ${suggestFileName(name)}`,
    );
  }
  let bytes: Buffer;
  try {
    const read = readUpTo(fileAbs, MAX_FILE_BYTES);
    if ("size" in read) {
      return fail(
        "content/too-large",
        `file is ${formatBytes(read.size)}; a paper file may be at most ${formatBytes(MAX_FILE_BYTES)}`,
        "keep the body to a summary of the paper, not its full text",
      );
    }
    bytes = read.bytes;
  } catch (error) {
    // Reading failed, which says nothing about the file's encoding.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    return fail(
      "content/unreadable",
      `could not be read (${describeReadError(code)})`,
      "check that the file is there and that its permissions let you read it (chmod a+r <file>)",
    );
  }
  try {
    return { source: { path: fileRel, text: utf8.decode(bytes), day, slug } };
  } catch {
    return fail("content/not-utf8", "is not valid UTF-8 text", "save the file with UTF-8 encoding");
  }
}

/** A file's bytes, or its size when it is larger than `max` (then it is not read): one open, one stat, one read. */
function readUpTo(file: string, max: number): { bytes: Buffer } | { size: number } {
  const fd = openSync(file, "r");
  try {
    const { size } = fstatSync(fd);
    if (size > max) return { size };
    const bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: read === size ? bytes : bytes.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

/** A file-system error code in words, for the contributor who reads the message. */
function describeReadError(code: string): string {
  const words: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    ENOENT: "it disappeared while the build was reading",
    EISDIR: "it is a folder",
    EIO: "a disk error",
    EMFILE: "too many files open",
    ENFILE: "too many files open",
  };
  return words[code] ?? code;
}

function lstatOrUndefined(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/** The paper file name to suggest for any file name (`Foo-Bar.MD` → `foo-bar.md`): one the build accepts, always. */
export function suggestFileName(name: string): string {
  return `${suggestSlug(name.replace(/\.[^.]*$/, ""))}.md`;
}

/** Turns any text into a slug: `My Paper (v2)!` → `my-paper-v2`. */
export function suggestSlug(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "paper";
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}
