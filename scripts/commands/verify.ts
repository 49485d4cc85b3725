// A built site (dist/) → every problem a reader, a feed reader or a crawler
// would meet in it: XML that is not well-formed, a feed that RSS 2.0, Atom 1.0
// or JSON Feed 1.1 readers cannot use, an internal link or asset that does not
// resolve to a file under the base path, a page that is not valid HTML (every
// paper's and every day's page, one of each other kind: see pageKind). This is
// what a pull request runs after its build (npm run verify), so the site's own
// content is checked as it will be published, whatever the tests' fixtures are.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadConfig } from "../content/config.ts";
import { createHtmlValidator, htmlProblems } from "../output/check-html.ts";
import { feedFormat, jsonFeedProblems, xmlFeedProblems } from "../output/check-feeds.ts";
import { brokenLinksIn, type BrokenLink } from "../output/check-links.ts";
import { xmlProblems } from "../output/check-xml.ts";
import type { Diagnostic } from "../types.ts";
import { listTree } from "../util/list-tree.ts";

/** What to verify. */
export interface VerifyOptions {
  /** The site's folder (holding paperboy.config.yaml). */
  root: string;
  /** The built site, relative to `root`; `dist` by default. */
  outDir?: string;
  /** The environment the build ran with (SITE_URL sets the address links are checked against). */
  env?: NodeJS.ProcessEnv;
}

/** What verification found. */
export interface VerifyResult {
  /** Configuration problems that kept verification from starting. */
  diagnostics: Diagnostic[];
  /** One line per problem: `dist/<file>[:line:column]: what is wrong`. */
  problems: string[];
  /** What was checked. */
  counts: { files: number; pages: number; validated: number; feeds: number; xml: number };
}

/** Verifies a built site; never changes it. */
export async function verifySite(options: VerifyOptions): Promise<VerifyResult> {
  const counts = { files: 0, pages: 0, validated: 0, feeds: 0, xml: 0 };
  const { config, diagnostics } = await loadConfig(options.root, options.env ?? process.env);
  if (!config) return { diagnostics, problems: [], counts };
  const outDir = path.resolve(options.root, options.outDir ?? "dist");
  const shown = path.relative(options.root, outDir).split(path.sep).join("/") || ".";
  const where = (file: string) => `${shown}/${file}`;

  const all = await listTree(outDir);
  counts.files = all.length;
  if (!all.includes("index.html")) return { diagnostics: [], problems: [`${shown}/ holds no built site (no index.html); run npm run build first`], counts };

  const existing = new Set(all);
  const problems: string[] = [];
  const validator = createHtmlValidator();
  const validatedKinds = new Set<string>();
  // Broken link target → the files that carry it, so that a link broken on every page is one line.
  const broken = new Map<string, { problem: BrokenLink["problem"]; from: string[] }>();
  for (const file of all) {
    const format = feedFormat(file);
    // Pages, stylesheets, XML and feeds carry links; the search index's shards and packages' own files do not.
    if (!/\.(html|css|xml|opml)$/.test(file) && format !== "json") continue;
    const text = await readFile(path.join(outDir, file), "utf8");
    // The OPML subscription list is XML too.
    if (file.endsWith(".xml") || file.endsWith(".opml")) {
      counts.xml++;
      const malformed = xmlProblems(text);
      for (const problem of malformed) problems.push(`${where(file)}:${problem.replace(/^(\d+:\d+): /, "$1: not well-formed XML: ")}`);
      if (malformed.length > 0) continue;
    }
    if (format) {
      counts.feeds++;
      const found = format === "json" ? jsonFeedProblems(text) : xmlFeedProblems(text, format);
      for (const problem of found) problems.push(`${where(file)}: ${problem}`);
    }
    if (file.endsWith(".html")) {
      counts.pages++;
      const kind = pageKind(file);
      if (kind === undefined || !validatedKinds.has(kind)) {
        if (kind !== undefined) validatedKinds.add(kind);
        counts.validated++;
        for (const problem of htmlProblems(validator, text, file)) problems.push(`${where(file)}:${problem}`);
      }
    }
    for (const link of brokenLinksIn(file, text, existing, config.url)) {
      const entry = broken.get(link.target) ?? { problem: link.problem, from: [] };
      entry.from.push(file);
      broken.set(link.target, entry);
    }
  }

  for (const [target, { problem, from }] of [...broken].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const others = from.length > 1 ? ` (and ${from.length - 1} other ${from.length === 2 ? "file" : "files"})` : "";
    const what =
      problem === "missing" ? `links to ${target}, which is not in ${shown}/` : `links to ${target}, outside the site's base path ${config.basePath}`;
    problems.push(`${where(from[0]!)}: ${what}${others}`);
  }
  return { diagnostics: [], problems, counts };
}

/**
 * Which pages html-validate checks, as a kind shared by pages built from the
 * same template and views: undefined for pages that are all checked (every
 * paper's page, and every day page, which holds each paper's card), else a key
 * such that only the first page of each kind is checked. A week, month or tag
 * page is the same card partial over the same papers as the day pages, and
 * html-validate takes 20 to 150 ms a page: checking every listing would make a
 * 10,000-paper site take many minutes for nothing a day page does not show.
 */
export function pageKind(file: string): string | undefined {
  const segments = file.split("/");
  if (segments[0] === "papers" || segments[0] === "days") return undefined;
  return segments.length === 1 ? file : `${segments[0]}/${segments.length}${file.includes("/page/") ? "/paged" : ""}`;
}
