// One source file → one paper: front matter, schema and Markdown, with every
// problem collected. Pure apart from `compileEntry`'s body file, so it runs the
// same on the main thread and on the compile worker threads.
import type { PaperSource } from "./discover.ts";
import { parseFrontMatter } from "./front-matter.ts";
import { renderBody, renderTitle } from "./markdown.ts";
import { identify, validatePaper } from "./paper-schema.ts";
import { hashHtml, packBody, sourceKey, writeBody, type CompiledEntry } from "./compile-cache.ts";
import type { Diagnostic, Paper, RenderedBody } from "../types.ts";
import { toPageHtml } from "../util/html-text.ts";

/** Turns one source file into a paper and its rendered summary, collecting every problem it has. */
export function compilePaper(source: PaperSource): { paper?: Paper; body?: RenderedBody; diagnostics: Diagnostic[] } {
  const parsed = parseFrontMatter(source);
  if (!parsed.entry) return { diagnostics: parsed.diagnostics };
  const entry = parsed.entry;
  const { meta, diagnostics } = validatePaper(entry);
  const { body, problems } = renderBody(entry.body);
  for (const problem of problems) {
    diagnostics.push({
      file: entry.path,
      line: entry.bodyLine + problem.line - 1,
      field: "body",
      rule: problem.rule,
      message: problem.message,
      ...(problem.fix ? { fix: problem.fix } : {}),
    });
  }
  if (!meta) return { diagnostics };
  const title = renderTitle(meta.title);
  for (const problem of title.problems) {
    diagnostics.push({
      file: entry.path,
      line: entry.lines.title ?? 1,
      field: "title",
      rule: problem.rule,
      message: problem.message,
      ...(problem.fix ? { fix: problem.fix } : {}),
    });
  }
  if (diagnostics.length > 0) return { diagnostics };
  const paper: Paper = {
    ...meta,
    ...identify(entry, meta),
    day: entry.day,
    slug: entry.slug,
    titleHtml: toPageHtml(title.html),
    lead: body.lead,
    key: sourceKey(source),
  };
  return { paper, body, diagnostics };
}

/**
 * Compiles a source into a cache entry: the body's HTML goes to its own file in
 * `cacheDir` (read back only when a page needs it), unless the cache lives in
 * memory only; the entry keeps the rest.
 */
export function compileEntry(source: PaperSource, cacheDir: string | undefined): { entry: CompiledEntry; html?: string } {
  const { paper, body, diagnostics } = compilePaper(source);
  const key = sourceKey(source);
  if (!paper || !body) return { entry: { key, diagnostics } };
  const packed = packBody(body);
  if (cacheDir !== undefined) writeBody(cacheDir, key, packed);
  return { entry: { key, paper, diagnostics, htmlHash: hashHtml(packed) }, html: packed };
}
