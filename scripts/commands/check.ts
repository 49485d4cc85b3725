// Content → every problem in it, with the build's own rules and messages, but
// without rendering the site: all papers (what `npm run check` does), or only
// the named files (what an editor or a pre-commit hook asks for). Named files
// are compiled in full; the rest of the digest is read only as far as each
// paper's identity, so a paper entered twice is still found on any day.
import path from "node:path";
import { defaultCacheDir, lockCache } from "./build.ts";
import { CompileCache } from "../content/compile-cache.ts";
import { identifySource, loadContent, loadIdentities } from "../content/load.ts";
import { findDuplicates } from "../content/duplicates.ts";
import { sortDiagnostics } from "../diagnostics/sort.ts";
import { loadConfig } from "../content/config.ts";
import { checkDayFolder, readPaperFile, type PaperSource } from "../content/discover.ts";
import type { Diagnostic, PaperIdentity } from "../types.ts";

/** What a check found. */
export interface CheckResult {
  diagnostics: Diagnostic[];
  /** How many paper files were checked in full. */
  checked: number;
}

/** Checks the configuration and either every paper or just `files` (paths relative to `root`, or absolute). */
export async function checkContent(
  root: string,
  files: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
  options: { onLockWait?: Parameters<typeof lockCache>[1] } = {},
): Promise<CheckResult> {
  const config = await loadConfig(root, env);
  if (files.length === 0) {
    // The build's compile cache makes a repeated check of an unchanged digest nearly free; a build using it meanwhile is waited for.
    const lock = await lockCache(defaultCacheDir(root), options.onLockWait);
    try {
      const cache = await CompileCache.open(defaultCacheDir(root));
      const content = await loadContent(root, { drafts: true, cache });
      await cache.save();
      return { diagnostics: sortDiagnostics([...config.diagnostics, ...content.diagnostics]), checked: content.papers.length };
    } finally {
      lock.release();
    }
  }
  const named = await checkFiles(root, files);
  return { diagnostics: sortDiagnostics([...config.diagnostics, ...named.diagnostics]), checked: named.checked };
}

const PAPER_PATH = /^content\/papers\/([^/]+)\/[^/]+$/;

async function checkFiles(root: string, files: readonly string[]): Promise<CheckResult> {
  const diagnostics: Diagnostic[] = [];
  const wanted = [...new Set(files.map((file) => toRootRelative(root, file)))];
  const named: PaperIdentity[] = [];
  let checked = 0;

  for (const file of wanted) {
    const match = PAPER_PATH.exec(file);
    if (!match) {
      diagnostics.push({
        file,
        line: 0,
        rule: "check/not-a-paper",
        message: "is not a paper file (papers are content/papers/YYYY-MM-DD/<slug>.md)",
        fix: "name paper files inside content/papers/, or run npm run check without arguments to check everything",
      });
      continue;
    }
    const day = match[1]!;
    const badDay = checkDayFolder(`content/papers/${day}`, day);
    if (badDay) {
      diagnostics.push(badDay);
      continue;
    }
    const found = await readPaperFile(root, file, day).catch((error: NodeJS.ErrnoException): { diagnostic: Diagnostic } => {
      if (error.code !== "ENOENT" && error.code !== "ENOTDIR") throw error;
      return {
        diagnostic: {
          file,
          line: 0,
          rule: "check/missing-file",
          message: "there is no such file",
          fix: "check the path; it is taken relative to the repository's top folder",
        },
      };
    });
    if ("diagnostic" in found) {
      diagnostics.push(found.diagnostic);
      continue;
    }
    checked++;
    const { compilePaper } = await import("../content/compile-paper.ts");
    diagnostics.push(...compilePaper(found.source).diagnostics);
    // The identity counts even when the body has a problem, so a duplicate shows up in the same run.
    const identity = identifySource(found.source);
    if (identity) named.push(identity);
  }

  // A duplicate involves two files, and the build reports it on the later one by path.
  // The problems the named files bring are those that disappear without them.
  const namedPaths = new Set(named.map((p) => p.path));
  const others = await loadIdentities(root, (source) => !namedPaths.has(source.path) && mayDuplicate(source, named));
  const key = (d: Diagnostic) => `${d.file}\0${d.line}\0${d.rule}\0${d.message}`;
  const without = new Set(findDuplicates(others).map(key));
  diagnostics.push(...findDuplicates([...others, ...named]).filter((d) => !without.has(key(d))));
  return { diagnostics, checked };
}

/**
 * Whether a file could be a duplicate of one of the named papers: only a file
 * whose text contains the paper's arXiv id or DOI can claim it, and only a file
 * with the same slug can take a slug-addressed paper's page. Parsing just those
 * keeps `check <file>` fast on a large digest. (A duplicate hidden behind YAML
 * escapes would slip past this shortcut; the full `npm run check` in CI still
 * finds it.)
 */
function mayDuplicate(source: PaperSource, named: readonly PaperIdentity[]): boolean {
  const text = source.text.toLowerCase();
  return named.some(
    (paper) =>
      (paper.arxiv ? text.includes(paper.arxiv.id.toLowerCase()) : source.slug === paper.id) ||
      (paper.doi !== undefined && text.includes(paper.doi.toLowerCase())),
  );
}

/** A path as the diagnostics write it: relative to the root, with forward slashes. */
function toRootRelative(root: string, file: string): string {
  const absolute = path.resolve(root, file);
  const relative = path.relative(root, absolute);
  return relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join("/");
}
