// Shared by the browser tests: Chromium driven by playwright-core, and the
// sites under test (the digest and basic fixtures), built into
// temp folders and served under the base path /digest/ as GitHub Pages would.
//
// Without Chromium the browser tests are skipped, and the end of the run says
// how to enable them; under CI=true a missing Chromium fails them (needs.ts).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { build } from "../../scripts/commands/build.ts";
import { serveSite, type RunningServer } from "../../scripts/output/serve.ts";
import type { SiteModel } from "../../scripts/site/model.ts";
import type { Paper } from "../../scripts/types.ts";
import { copyFixture, FIXTURES, tempDir } from "./helpers.ts";
import { describeNeeding } from "./needs.ts";
import { CHROMIUM, chromiumPath } from "./requirements.ts";

/** `describe` for tests that need Chromium (see needs.ts for what happens without it). */
export function describeInBrowser(name: string, body: () => void): void {
  describeNeeding(CHROMIUM, name, body);
}

/** Launches headless Chromium with a fresh profile (Playwright gives every launch its own temporary user-data-dir). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
  });
}

/** A built site served on 127.0.0.1 under /digest/. */
export interface ServedSite {
  name: "digest" | "fixture";
  model: SiteModel;
  /** Where the site was built. */
  outDir: string;
  server: RunningServer;
  /** `http://127.0.0.1:PORT/digest/` */
  url: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
}

/** The base path every browser test serves under, like a GitHub Pages project site. */
export const BASE_PATH = "/digest/";

async function serveBuilt(name: ServedSite["name"], root: string): Promise<ServedSite> {
  const outDir = await tempDir(`paperboy-browser-${name}-`, "file");
  const result = await build({ root, outDir, env: { SITE_URL: `http://127.0.0.1${BASE_PATH}` } });
  expect(result.diagnostics).toEqual([]);
  const server = await serveSite({ dir: outDir, basePath: BASE_PATH, port: 0 });
  return { name, model: result.model!, outDir, server, url: server.url, origin: `http://127.0.0.1:${server.port}` };
}

/** Builds and serves the digest fixture and the basic fixture for the current test file; stops them after it. */
export function useSites(): { sites: ServedSite[]; browser: () => Browser } {
  const sites: ServedSite[] = [];
  let browser: Browser | undefined;
  beforeAll(async () => {
    sites.push(await serveBuilt("digest", path.join(FIXTURES, "digest")), await serveBuilt("fixture", await copyFixture("basic", "file")));
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all(sites.map((s) => s.server.close()));
  });
  return { sites, browser: () => browser! };
}

/** A page type and the address of one page of that type. */
export interface PageType {
  type: string;
  /** Path below the base path, e.g. `days/2025-10-06/`. */
  path: string;
}

/** The first paper whose built page contains `marker` (a KaTeX class, say), else the first paper. */
export function paperWith(site: Pick<ServedSite, "model" | "outDir">, marker: string): Paper {
  const { papers } = site.model;
  return papers.find((p) => readFileSync(path.join(site.outDir, "papers", p.id, "index.html"), "utf8").includes(marker)) ?? papers[0]!;
}

/** One page of every type the site has, chosen from its model. */
export function pageTypes(site: Pick<ServedSite, "model" | "outDir">): PageType[] {
  const { model } = site;
  // The latest day is the home page (its own address leads there): a day page is an older day's, when there is one.
  const day = model.days[1];
  // A paper with math in its summary; the first one with a display formula, else the first.
  const paper = paperWith(site, `display="block"`);
  const tag = [...model.tags].sort((a, b) => b.papers.length - a.papers.length)[0]!;
  const month = model.months[0]!;
  const paged = month.count > model.config.pageSize;
  const author = model.papers[0]!.authors[0]!.split(" ").at(-1)!;
  return [
    { type: "home", path: "" },
    ...(day ? [{ type: "day", path: `days/${day.date}/` }] : []),
    { type: "week", path: `weeks/${model.weeks[0]!.key}/` },
    { type: "month", path: `months/${month.key}/` },
    ...(paged ? [{ type: "month-page-2", path: `months/${month.key}/page/2/` }] : []),
    { type: "paper", path: `papers/${paper.id}/` },
    { type: "tag", path: `tags/${tag.name}/` },
    { type: "tags", path: "tags/" },
    { type: "archive", path: "archive/" },
    { type: "search", path: `search/?q=${encodeURIComponent(author)}` },
    { type: "subscribe", path: "subscribe/" },
    { type: "not-found", path: "no/such/page/" },
  ];
}

/**
 * Opens a page and records every request it makes and every failure, so a
 * test can check that nothing left the site and nothing was missing.
 */
export async function openPage(context: BrowserContext, site: ServedSite, pagePath: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(`${site.origin}${BASE_PATH}`) && !request.url().startsWith("data:")) problems.push(`request left the site: ${request.url()}`);
  });
  page.on("requestfailed", (request) => {
    // A request the browser dropped because the test navigated away is no fault of the page.
    if (request.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on("response", (response) => {
    // The 404 page is expected to answer 404 itself; anything else missing is a broken link or asset.
    if (response.status() >= 400 && response.request().resourceType() !== "document") problems.push(`${response.status()} for ${response.url()}`);
  });
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().includes("404 (Not Found)")) problems.push(`console error: ${message.text()}`);
  });
  await page.goto(site.url + pagePath, { waitUntil: "load" });
  return { page, problems };
}

/** A new browser context: light or dark, desktop or phone, with or without JavaScript. */
export function newContext(browser: Browser, options: { theme?: "light" | "dark"; width?: number; javaScript?: boolean } = {}): Promise<BrowserContext> {
  const width = options.width ?? 1280;
  const contextOptions: BrowserContextOptions = {
    viewport: { width, height: width < 600 ? 812 : 900 },
    colorScheme: options.theme ?? "light",
    javaScriptEnabled: options.javaScript ?? true,
    reducedMotion: "reduce",
    ...(width < 600 ? { isMobile: true, hasTouch: true } : {}),
  };
  return browser.newContext(contextOptions);
}

let axeSource: Promise<string> | undefined;

/** Runs axe-core on the page (every rule, best practices included) and returns its violations, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFile(path.join(path.dirname(createRequire(import.meta.url).resolve("axe-core")), "axe.min.js"), "utf8");
  await page.addScriptTag({ content: await axeSource });
  const violations = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)")) as {
    id: string;
    impact: string;
    help: string;
    nodes: { target: string[]; failureSummary?: string }[];
  }[];
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(" ")}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, " ")}` : ""}`),
  );
}
