// Options → result. The only module that orders the stages:
// load → validate → render Markdown → model → plan pages → render → write.
// Every content and template problem is collected before the first byte is
// written, so a failed build leaves the output folder as it was.
import path from "node:path";
import { loadConfig } from "./config.ts";
import { discoverPapers, type PaperSource } from "./discover.ts";
import { renderAllFeeds } from "./feeds.ts";
import { parseFrontMatter } from "./front-matter.ts";
import { renderBody, renderTitle } from "./markdown.ts";
import { planPages, renderPages } from "./pages.ts";
import { validatePaper } from "./paper-schema.ts";
import { buildSiteModel, findDuplicates, type SiteModel } from "./site.ts";
import { renderSearchIndex } from "./search-index.ts";
import { katexAssets, minisearchAssets, renderPagesFiles, renderRobots, renderSitemap } from "./site-files.ts";
import { loadTemplates } from "./templates.ts";
import type { Diagnostic, OutputFile, Paper, SiteConfig } from "./types.ts";
import { writeOutput, type WriteReport } from "./write.ts";

/** What to build and where. */
export interface BuildOptions {
  /** Project root holding paperboy.config.yaml, content/ and templates/. */
  root: string;
  /** Output folder; default `<root>/dist`. */
  outDir?: string;
  /** Templates folder; default `<root>/templates`. */
  templatesDir?: string;
  /** Include papers marked `draft: true` (the dev server does). */
  drafts?: boolean;
  /** Environment, for `SITE_URL`; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Write to the output folder (default); `false` only returns the files. */
  write?: boolean;
}

/** The outcome of a build. `files` is present when the site could be made. */
export interface BuildResult {
  diagnostics: Diagnostic[];
  files?: OutputFile[];
  report?: WriteReport;
  model?: SiteModel;
}

/** Turns one source file into a paper, collecting every problem it has. */
export function compilePaper(source: PaperSource): { paper?: Paper; diagnostics: Diagnostic[] } {
  const parsed = parseFrontMatter(source);
  if (!parsed.entry) return { diagnostics: parsed.diagnostics };
  const entry = parsed.entry;
  const { meta, diagnostics } = validatePaper(entry);
  const { body, problems } = renderBody(entry.body);
  for (const problem of problems) {
    diagnostics.push({ file: entry.path, line: entry.bodyLine + problem.line - 1, field: "body", rule: problem.rule, message: problem.message, ...(problem.fix ? { fix: problem.fix } : {}) });
  }
  if (!meta) return { diagnostics };
  const title = renderTitle(meta.title);
  for (const problem of title.problems) {
    diagnostics.push({ file: entry.path, line: entry.lines.title ?? 1, field: "title", rule: problem.rule, message: problem.message, ...(problem.fix ? { fix: problem.fix } : {}) });
  }
  if (diagnostics.length > 0) return { diagnostics };
  const paper: Paper = { ...meta, path: entry.path, day: entry.day, slug: entry.slug, id: meta.arxiv ? meta.arxiv.id : entry.slug, titleHtml: title.html, body, lines: pickLines(entry.lines) };
  return { paper, diagnostics };
}

function pickLines(lines: Record<string, number>): Paper["lines"] {
  return { ...(lines.arxiv ? { arxiv: lines.arxiv } : {}), ...(lines.doi ? { doi: lines.doi } : {}) };
}

/** Loads, validates and renders every paper; `check` runs exactly this. */
export async function loadPapers(root: string, options: { drafts?: boolean } = {}): Promise<{ papers: Paper[]; diagnostics: Diagnostic[] }> {
  const { sources, diagnostics } = await discoverPapers(root);
  const papers: Paper[] = [];
  for (const source of sources) {
    const result = compilePaper(source);
    diagnostics.push(...result.diagnostics);
    if (result.paper) papers.push(result.paper);
  }
  diagnostics.push(...findDuplicates(papers));
  return { papers: options.drafts ? papers : papers.filter((p) => !p.draft), diagnostics };
}

/** Every file of the site, from a model and its templates. */
export async function renderSite(model: SiteModel, templatesDir: string): Promise<{ files?: OutputFile[]; diagnostics: Diagnostic[] }> {
  const { templates, diagnostics } = await loadTemplates(templatesDir);
  if (!templates) return { diagnostics };
  const plans = planPages(model);
  const rendered = renderPages(plans, templates);
  if (rendered.diagnostics.length > 0) return { diagnostics: rendered.diagnostics };
  const files: OutputFile[] = [
    ...rendered.files,
    ...renderAllFeeds(model),
    renderSitemap(model.config, plans),
    renderRobots(model.config),
    ...renderPagesFiles(model.config),
    ...templates.assets,
    ...(await katexAssets()),
    renderSearchIndex(model),
    ...(await minisearchAssets()),
  ];
  return { files, diagnostics: [] };
}

/** Builds the site: every problem is reported before anything is written. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const outDir = path.resolve(root, options.outDir ?? "dist");
  const templatesDir = path.resolve(root, options.templatesDir ?? "templates");

  const configResult = await loadConfig(root, options.env ?? process.env);
  const content = await loadPapers(root, { drafts: options.drafts ?? false });
  const diagnostics = [...configResult.diagnostics, ...content.diagnostics];
  if (!configResult.config || diagnostics.length > 0) return { diagnostics: sortDiagnostics(diagnostics) };

  const model = buildSiteModel(configResult.config as SiteConfig, content.papers);
  const site = await renderSite(model, templatesDir);
  if (!site.files) return { diagnostics: sortDiagnostics(site.diagnostics), model };

  if (options.write === false) return { diagnostics: [], files: site.files, model };
  const report = await writeOutput(outDir, site.files);
  return { diagnostics: [], files: site.files, report, model };
}

/** Orders diagnostics by file, then line, so reports read top to bottom. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
