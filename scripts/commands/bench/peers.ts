// The peer sites of `npm run bench -- --compare`: Hugo and Eleventy building
// the same synthetic digest into the equivalent pages (paper, day, paginated
// tag pages, home, archive, tag index, site and per-tag feeds, sitemap), so
// the runner can time their cold builds beside Paperboy's. Each peer keeps a
// skeleton (configuration and templates) in scripts/commands/bench/<peer>/; `prepare`
// lays it out in a work folder with the corpus' papers, converted only where
// the peer cannot read Paperboy's format as it is.
import { execFile } from "node:child_process";
import { appendFile, cp, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { formatArxivId, parseArxivId } from "../../util/arxiv-id.ts";
import { loadConfig } from "../../content/config.ts";
import { discoverPapers, type PaperSource } from "../../content/discover.ts";
import { byCodeUnit } from "../../util/order.ts";
import { SOURCE_SCRIPTS } from "../../util/source-root.ts";
import { writeAll } from "./corpus.ts";
import type { SiteConfig } from "../../types.ts";

/** A general-purpose generator set up to build a Paperboy corpus. */
export interface PeerSite {
  /** Display name: "Hugo", "Eleventy". */
  name: string;
  /** The peer's version, e.g. "0.111.3". */
  version(): Promise<string>;
  /** Whether the peer can run on this machine (binary on PATH, package installed). */
  available(): Promise<boolean>;
  /** Lays out the peer's site in `workDir` (replacing it) from the Paperboy site in `corpusDir`. Deterministic. */
  prepare(corpusDir: string, workDir: string, options?: PrepareOptions): Promise<void>;
  /** The cold build to time, the peer's own start-up included; it writes into `outputDir(workDir)`. */
  command(workDir: string): { cmd: string; args: string[]; cwd: string; env?: NodeJS.ProcessEnv };
  /** Where the build writes the site. */
  outputDir(workDir: string): string;
  /** Removes the output and every cache the peer keeps, so the next build is cold. */
  clean(workDir: string): Promise<void>;
}

/** Settings a test may change; the benchmark uses the defaults. */
export interface PrepareOptions {
  /** Papers per tag page; by default the corpus' own page size, as Paperboy paginates it. */
  tagPageSize?: number;
}

const HERE = path.join(SOURCE_SCRIPTS, "commands", "bench");
const ROOT = path.resolve(HERE, "..", "..", "..");
const STYLESHEET = path.join(ROOT, "scripts", "theme", "assets", "style.css");
const run = promisify(execFile);

/** The corpus' configuration, read with Paperboy's own rules (SITE_URL ignored, so runs compare alike). */
async function readSiteConfig(corpusDir: string): Promise<SiteConfig> {
  const { config, diagnostics } = await loadConfig(corpusDir, {});
  if (!config) throw new Error(`${corpusDir}: the corpus configuration is invalid: ${diagnostics.map((d) => `${d.field ?? ""} ${d.message}`).join("; ")}`);
  return config;
}

/** The corpus' papers, in Paperboy's layout; a layout problem stops the peer as it would stop Paperboy. */
async function readPapers(corpusDir: string): Promise<PaperSource[]> {
  const { sources, diagnostics } = await discoverPapers(corpusDir);
  if (diagnostics.length > 0) throw new Error(`${corpusDir}: ${diagnostics.map((d) => `${d.file}: ${d.message}`).join("; ")}`);
  return sources;
}

/**
 * The static files Paperboy writes besides pages and feeds, for the peer to
 * copy into its output: `.nojekyll`, the stylesheet, and KaTeX's stylesheet
 * and fonts when the peer renders math.
 */
async function staticFiles(dir: string, withKatex: boolean): Promise<{ path: string; contents: string | Uint8Array }[]> {
  const files: { path: string; contents: string | Uint8Array }[] = [
    { path: path.join(dir, ".nojekyll"), contents: "" },
    { path: path.join(dir, "assets", "style.css"), contents: await readFile(STYLESHEET) },
  ];
  if (withKatex) for (const file of await katexAssets()) files.push({ path: path.join(dir, file.path), contents: file.contents });
  return files;
}

/** KaTeX's minified stylesheet and its WOFF2 fonts, for the peer that renders math to KaTeX's HTML (Eleventy's markdown-it-katex). */
async function katexAssets(): Promise<{ path: string; contents: string | Buffer }[]> {
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve("katex/dist/katex.min.css"));
  const css = (await readFile(path.join(dist, "katex.min.css"), "utf8")).replace(/,url\(fonts\/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, "");
  const fonts = (await readdir(path.join(dist, "fonts"))).filter((f) => f.endsWith(".woff2")).sort(byCodeUnit);
  return [
    { path: "assets/katex/katex.min.css", contents: css },
    ...(await Promise.all(fonts.map(async (font) => ({ path: `assets/katex/fonts/${font}`, contents: await readFile(path.join(dist, "fonts", font)) })))),
  ];
}

// ---------------------------------------------------------------- Hugo

const HUGO_SKELETON = path.join(HERE, "hugo");

/** The front matter's arXiv id, read from its line: Hugo needs the versionless id for the page's address. */
function arxivOf(source: PaperSource, front: string) {
  const line = /^arxiv:[ \t]*(.*)$/m.exec(front);
  if (!line) return undefined;
  let value = line[1]!.trim();
  const quoted = /^(["'])(.*)\1$/.exec(value);
  value = quoted ? quoted[2]! : value.replace(/\s+#.*$/, "");
  if (value === "") return undefined;
  const arxiv = parseArxivId(value);
  if (!arxiv) throw new Error(`${source.path}: arxiv: "${value}" is not an arXiv id`);
  return arxiv;
}

/**
 * A Paperboy paper as a Hugo content file: the front matter kept line for line,
 * with the two fields Hugo reserves renamed (`url` would move the page,
 * `published` would become its publish date) and the ones Hugo needs added.
 * Nothing is parsed as YAML here; Hugo parses it. `weight` is the paper's place
 * in Paperboy's listing order (newest day first, then file name), which Hugo's
 * default sort then follows: its own tie-break compares titles with a collator.
 */
function toHugoContent(source: PaperSource, weight: number): string {
  const text = source.text.replace(/\r\n?/g, "\n");
  const close = /\n---[ \t]*(?:\n|$)/.exec(text);
  if (!text.startsWith("---\n") || !close) throw new Error(`${source.path}: no front matter between --- lines`);
  const front = text.slice(4, close.index + 1);
  const body = text.slice(close.index + close[0].length);
  const arxiv = arxivOf(source, front);
  const renamed = front.replace(/^url:/m, "paper_url:").replace(/^published:/m, "published_on:");
  const added = [
    `date: ${source.day}`,
    `slug: ${JSON.stringify(arxiv ? arxiv.id : source.slug)}`,
    `weight: ${weight}`,
    `days: [${JSON.stringify(source.day)}]`,
    ...(arxiv ? [`arxiv_id: ${JSON.stringify(formatArxivId(arxiv))}`] : []),
  ];
  return `---\n${renamed}${added.join("\n")}\n---\n${body}`;
}

/** Hugo's settings for this corpus, appended to the skeleton's hugo.yaml. */
function hugoSiteSettings(config: SiteConfig, tagPageSize: number): string {
  const q = JSON.stringify;
  return [
    "",
    "# From the corpus' paperboy.config.yaml (written by scripts/commands/bench/peers.ts).",
    `baseURL: ${q(config.url)}`,
    `title: ${q(config.title)}`,
    `languageCode: ${q(config.language)}`,
    `paginate: ${tagPageSize}`,
    "params:",
    `  description: ${q(config.description)}`,
    `  authorName: ${q(config.author.name)}`,
    ...(config.author.url ? [`  authorUrl: ${q(config.author.url)}`] : []),
    `  feedItems: ${config.feedItems}`,
    `  tagFeedItems: ${config.tagFeedItems}`,
    "",
  ].join("\n");
}

// The days taxonomy's own page is Paperboy's archive, and days have no feeds.
const HUGO_DAYS_INDEX = `---
title: Archive
url: /archive/
cascade:
  _target:
    kind: term
  outputs: [HTML]
---
`;

/** Hugo (the `hugo` on PATH; Debian's is 0.111.3) with a site in scripts/commands/bench/hugo/. */
export const hugo: PeerSite = {
  name: "Hugo",
  async version() {
    const { stdout } = await run("hugo", ["version"]);
    return /v(\d+\.\d+\.\d+)/.exec(stdout)?.[1] ?? stdout.trim();
  },
  async available() {
    try {
      await run("hugo", ["version"]);
      return true;
    } catch {
      return false;
    }
  },
  async prepare(corpusDir, workDir, options = {}) {
    const [config, sources] = await Promise.all([readSiteConfig(corpusDir), readPapers(corpusDir)]);
    await rm(workDir, { recursive: true, force: true });
    await cp(HUGO_SKELETON, workDir, { recursive: true });
    await appendFile(path.join(workDir, "hugo.yaml"), hugoSiteSettings(config, options.tagPageSize ?? config.pageSize));
    // Sources come oldest day first; Paperboy lists the newest day first.
    const days = new Map<string, PaperSource[]>();
    for (const source of sources) {
      const day = days.get(source.day);
      if (day) day.push(source);
      else days.set(source.day, [source]);
    }
    const ordered = [...days.values()].reverse().flat();
    await writeAll([
      ...(await staticFiles(path.join(workDir, "static"), false)),
      { path: path.join(workDir, "content", "days", "_index.md"), contents: HUGO_DAYS_INDEX },
      ...ordered.map((source, i) => ({ path: path.join(workDir, source.path), contents: toHugoContent(source, i + 1) })),
    ]);
  },
  command(workDir) {
    return { cmd: "hugo", args: ["--quiet", "--source", workDir, "--destination", hugo.outputDir(workDir)], cwd: workDir };
  },
  outputDir: (workDir) => path.join(workDir, "public"),
  async clean(workDir) {
    for (const dir of ["public", "resources", ".cache", ".hugo_build.lock"]) await rm(path.join(workDir, dir), { recursive: true, force: true });
  },
};

// ---------------------------------------------------------------- Eleventy

const ELEVENTY_SKELETON = path.join(HERE, "eleventy");
const require = createRequire(import.meta.url);

function eleventyPackageDir(): string {
  // The package exports only its entry points; its folder is two levels above src/Eleventy.js.
  return path.resolve(path.dirname(require.resolve("@11ty/eleventy")), "..");
}

/** Eleventy 3 (npm), reading the Paperboy papers as they are, with the site in scripts/commands/bench/eleventy/. */
export const eleventy: PeerSite = {
  name: "Eleventy",
  async version() {
    return (JSON.parse(await readFile(path.join(eleventyPackageDir(), "package.json"), "utf8")) as { version: string }).version;
  },
  async available() {
    try {
      eleventyPackageDir();
      return true;
    } catch {
      return false;
    }
  },
  async prepare(corpusDir, workDir, options = {}) {
    const config = await readSiteConfig(corpusDir);
    const site = path.join(workDir, "site");
    await rm(workDir, { recursive: true, force: true });
    await cp(path.join(ELEVENTY_SKELETON, "site"), site, { recursive: true });
    // The papers go in unchanged: papers/papers.11tydata.cjs gives them their layout and address.
    await cp(path.join(corpusDir, "content", "papers"), path.join(site, "papers"), { recursive: true });
    const data = {
      title: config.title,
      description: config.description,
      url: config.url,
      basePath: config.basePath,
      language: config.language,
      author: config.author,
      feedItems: config.feedItems,
      tagFeedItems: config.tagFeedItems,
      tagPageSize: options.tagPageSize ?? config.pageSize,
    };
    await writeAll([
      { path: path.join(site, "_data", "site.json"), contents: `${JSON.stringify(data, null, 2)}\n` },
      ...(await staticFiles(path.join(site, "static"), true)),
    ]);
  },
  command(workDir) {
    return {
      cmd: process.execPath,
      args: [
        path.join(eleventyPackageDir(), "cmd.cjs"),
        `--config=${path.join(ELEVENTY_SKELETON, "eleventy.config.js")}`,
        "--input=site",
        "--output=_site",
        "--quiet",
      ],
      cwd: workDir,
    };
  },
  outputDir: (workDir) => path.join(workDir, "_site"),
  async clean(workDir) {
    for (const dir of ["_site", ".cache"]) await rm(path.join(workDir, dir), { recursive: true, force: true });
  },
};

/** Both peers, in the order the comparison prints them. */
export const peers: readonly PeerSite[] = [hugo, eleventy];
