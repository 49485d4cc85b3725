// The subscribe page on phones, in real Chromium: at 375 and 320 px it never
// scrolls sideways, and no printed address breaks inside its host name (they
// wrap after a `/`, at the page's <wbr>). The digest fixture is built for a
// GitHub Pages project host, the longest kind of host most digests have, so
// its addresses do wrap on a phone; its tags are one row each.
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { build, type BuildResult } from "../../scripts/commands/build.ts";
import { serveSite, type RunningServer } from "../../scripts/output/serve.ts";
import { describeInBrowser, launchChromium, newContext } from "../support/browser.ts";
import { FIXTURES, tempDir } from "../support/helpers.ts";

const SITE_URL = "https://paperboy-digest.github.io/digest/";
const HOST = "paperboy-digest.github.io";

/** Per printed address: its text, whether its host sits on one line, and on how many lines it is laid out. */
interface Laid {
  text: string;
  hostLines: number;
  lines: number;
}

describeInBrowser("the subscribe page on a phone", () => {
  let browser: Browser;
  let server: RunningServer;
  let result: BuildResult;
  beforeAll(async () => {
    const outDir = path.join(await tempDir("paperboy-subscribe-", "file"), "dist");
    result = await build({ root: path.join(FIXTURES, "digest"), outDir, env: { SITE_URL } });
    expect(result.diagnostics).toEqual([]);
    server = await serveSite({ dir: outDir, basePath: "/digest/", port: 0 });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const width of [375, 320]) {
    it(`at ${width} px: no sideways scroll, no address broken inside its host, one row per tag`, async () => {
      const context = await newContext(browser, { width });
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}subscribe/`, { waitUntil: "load" });
        const [scrollWidth, clientWidth] = (await page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")) as [
          number,
          number,
        ];
        expect(scrollWidth, `the page scrolls sideways at ${width} px`).toBeLessThanOrEqual(clientWidth);

        const laid = (await page.evaluate(`(${LAY_OUT})(${JSON.stringify(HOST)})`)) as Laid[];
        // The site's three feeds, the OPML list and the two e-mail patterns.
        expect(laid.map((a) => a.text)).toEqual([
          `${SITE_URL}feed.xml`,
          `${SITE_URL}atom.xml`,
          `${SITE_URL}feed.json`,
          `${SITE_URL}feeds.opml`,
          `${SITE_URL}newsletter/YYYY-MM-DD.html`,
          `${SITE_URL}newsletter/YYYY-Www.html`,
        ]);
        for (const address of laid) expect(address.hostLines, `${address.text} breaks inside ${HOST} at ${width} px`).toBe(1);
        // The check means something only if addresses do wrap here.
        expect(Math.max(...laid.map((a) => a.lines)), `no address wraps at ${width} px`).toBeGreaterThan(1);

        const tags = result.model!.tags.length;
        expect(tags).toBeGreaterThan(10);
        expect(await page.locator(".tag-feeds > li").count()).toBe(tags);
        expect(await page.locator(".feed-list > li, .tag-feeds > li").count()).toBe(4 + tags);
      } finally {
        await context.close();
      }
    });
  }
});

/**
 * Runs in the page (a string: the tests compile without the DOM's types): for
 * each printed address (`.feed-url`, `.address`), on how many lines its host's
 * characters and its whole text are laid out, counted as the distinct tops of
 * the text's line boxes.
 */
const LAY_OUT = `(host) => {
  const linesOf = (element, start, end) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent.length;
      if (start >= offset && start < offset + length) range.setStart(node, start - offset);
      if (end > offset && end <= offset + length) range.setEnd(node, end - offset);
      offset += length;
    }
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  };
  return [...document.querySelectorAll(".feed-url, .address")].map((element) => {
    const text = element.textContent;
    const start = text.indexOf(host);
    return { text, hostLines: start < 0 ? 0 : linesOf(element, start, start + host.length), lines: linesOf(element, 0, text.length) };
  });
}`;
