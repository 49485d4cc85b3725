// Math a contributor writes to break the page, in real Chromium on a 375 px
// phone (issue 14): `\rule{50em}{2em}` made a page 1,157 px wide, a smashed
// `\raisebox` painted a fake headline over the page, and a long display formula
// was a scroll region no keyboard could reach. Each formula sits in the
// renderer's own wrapper, bounded by the stylesheet.
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { build, type BuildResult } from "../../scripts/commands/build.ts";
import { serveSite, type RunningServer } from "../../scripts/output/serve.ts";
import { CASES, writeHostileSite } from "../fixtures/hostile/cases.ts";
import { axeViolations, BASE_PATH, describeInBrowser, launchChromium, newContext, openPage, type ServedSite } from "../support/browser.ts";
import { tempDir, THEME } from "../support/helpers.ts";

describeInBrowser("math that tries to break the page, in Chromium at 375 px", () => {
  let server: RunningServer;
  let browser: Browser;
  let result: BuildResult;
  let site: ServedSite;
  let paperPath: string;

  beforeAll(async () => {
    const root = await tempDir("paperboy-math-", "file");
    await writeHostileSite(
      root,
      CASES.filter((c) => ["math-that-overflows", "unicode-text"].includes(c.name)),
      await tempDir("paperboy-outside-", "file"),
    );
    const outDir = path.join(await tempDir("paperboy-math-dist-", "file"), "dist");
    result = await build({ root, outDir, templatesDir: THEME, env: { SITE_URL: `http://127.0.0.1${BASE_PATH}` } });
    expect(result.diagnostics).toEqual([]);
    const paper = result.model!.papers.find((p) => p.slug === "math-that-overflows")!;
    paperPath = `papers/${paper.id}/`;
    server = await serveSite({ dir: outDir, basePath: BASE_PATH, port: 0 });
    site = { name: "fixture", model: result.model!, outDir, server, url: server.url, origin: `http://127.0.0.1:${server.port}` };
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (
    pagePath: string,
    options: Parameters<typeof newContext>[1] = {},
  ): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> => {
    const context = await newContext(browser, { width: 375, ...options });
    const { page, problems } = await openPage(context, site, pagePath);
    return { page, problems, close: () => context.close() };
  };

  /**
   * The box (in pixels) where two screenshots differ clearly, compared in the
   * browser's own canvas, or undefined. Differences of a few levels, where a
   * repaint antialiases a rounded border again, do not count; a glyph or a rule
   * painted over the page changes pixels by far more.
   */
  const differingArea = async (a: Buffer, b: Buffer): Promise<unknown> => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      return (
        (await page.evaluate(`(async ([first, second]) => {
        const load = (data) => new Promise((resolve) => { const image = new Image(); image.onload = () => resolve(image); image.src = "data:image/png;base64," + data; });
        const images = [await load(first), await load(second)];
        const canvas = document.createElement("canvas");
        canvas.width = images[0].width;
        canvas.height = images[0].height;
        const g = canvas.getContext("2d");
        const pixels = images.map((image) => { g.clearRect(0, 0, canvas.width, canvas.height); g.drawImage(image, 0, 0); return g.getImageData(0, 0, canvas.width, canvas.height).data; });
        let box;
        for (let i = 0; i < pixels[0].length; i += 4) {
          const diff = Math.max(...[0, 1, 2].map((c) => Math.abs(pixels[0][i + c] - pixels[1][i + c])));
          if (diff <= 96) continue;
          const x = (i / 4) % canvas.width, y = Math.floor(i / 4 / canvas.width);
          box = box ? { left: Math.min(box.left, x), top: Math.min(box.top, y), right: Math.max(box.right, x), bottom: Math.max(box.bottom, y) } : { left: x, top: y, right: x, bottom: y };
        }
        return box ?? null;
      })(${JSON.stringify([a.toString("base64"), b.toString("base64")])})`)) ?? undefined
      );
    } finally {
      await context.close();
    }
  };

  const pages = () => [paperPath, "", "tags/"];

  it("never scrolls sideways: every formula is at most as wide as its line", async () => {
    for (const pagePath of pages()) {
      const { page, problems, close } = await open(pagePath);
      try {
        const [scrollWidth, clientWidth] = (await page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")) as [
          number,
          number,
        ];
        expect(clientWidth).toBe(375);
        expect(scrollWidth, `${pagePath} scrolls sideways`).toBeLessThanOrEqual(clientWidth);
        const tooWide = (await page.evaluate(`[...document.querySelectorAll(".math-inline, .math-display")]
          .filter((el) => el.getBoundingClientRect().width > el.parentElement.getBoundingClientRect().width + 1).length`)) as number;
        expect(tooWide, pagePath).toBe(0);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }
  });

  it("paints no formula outside its own box: the page above the summary looks the same with the summary's math hidden", async () => {
    for (const pagePath of [paperPath]) {
      const { page, close } = await open(pagePath);
      try {
        // KaTeX's fonts load late; the two pictures must both be taken with them.
        await page.evaluate("document.fonts.ready.then(() => undefined)");
        const top = (await page.evaluate(`document.querySelector(".summary").getBoundingClientRect().top + window.scrollY`)) as number;
        expect(top).toBeGreaterThan(100);
        const clip = { x: 0, y: 0, width: 375, height: Math.floor(top) };
        const shown = await page.screenshot({ clip });
        await page.addStyleTag({ content: ".summary .math-inline, .summary .math-display { visibility: hidden !important; }" });
        const hidden = await page.screenshot({ clip });
        expect(await differingArea(shown, hidden), `${pagePath}: the summary's math paints above the summary`).toBeUndefined();
      } finally {
        await close();
      }
    }
  });

  it("makes every region that scrolls sideways reachable by keyboard, with a name (axe: scrollable-region-focusable)", async () => {
    for (const pagePath of [paperPath]) {
      const { page, close } = await open(pagePath);
      try {
        expect(await axeViolations(page)).toEqual([]);
        const regions = (await page.evaluate(
          `[...document.querySelectorAll(".summary .scroll-region")].map((el) => [el.getAttribute("aria-label"), el.scrollWidth > el.clientWidth])`,
        )) as [string, boolean][];
        expect(regions).toEqual([
          ["Formula", true],
          ["Table", true],
          ["Code", true],
        ]);
        // Tab to the formula, then scroll it with the arrow keys.
        let label: string | null = null;
        for (let i = 0; i < 60 && label !== "Formula"; i++) {
          await page.keyboard.press("Tab");
          label = (await page.evaluate(`document.activeElement.closest(".summary") ? document.activeElement.getAttribute("aria-label") : null`)) as
            | string
            | null;
        }
        expect(label).toBe("Formula");
        await page.keyboard.press("ArrowRight");
        await page.keyboard.press("ArrowRight");
        await page.waitForFunction("document.activeElement.scrollLeft > 0", undefined, { timeout: 5000 });
      } finally {
        await close();
      }
    }
  });
});
