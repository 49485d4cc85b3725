// Every page type of the digest and basic fixtures, in real Chromium:
// axe-core finds nothing in either theme, 375 px and 320 px phones never
// scroll sideways, no request leaves the site, the page reads fully with JavaScript
// off, and screenshots (desktop and phone, light and dark) are kept as test
// artefacts in test-results/screenshots/.
//
// UPDATE_SCREENSHOTS=1 also refreshes the pictures README.md and docs/site.md show, in docs/screenshots/.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/helpers.ts";
import { axeViolations, describeInBrowser, newContext, openPage, pageTypes, useSites, type ServedSite } from "../support/browser.ts";

const TYPES = ["home", "day", "week", "month", "paper", "tag", "tags", "archive", "search", "subscribe", "not-found"];
const SITES: Record<ServedSite["name"], string[]> = {
  digest: TYPES,
  // The fixture's page_size is 2, so its month has a page 2.
  fixture: [...TYPES.slice(0, 4), "month-page-2", ...TYPES.slice(4)],
};
const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");
/** The pictures README.md and docs/site.md show: [site, page type, width, theme, file]. */
const README_SCREENSHOTS = [
  ["digest", "home", 1280, "light", "home.png"],
  ["digest", "paper", 1280, "light", "paper.png"],
  ["digest", "search", 1280, "light", "search.png"],
  ["digest", "month", 375, "dark", "month-phone-dark.png"],
] as const;

describeInBrowser("every page type in Chromium", () => {
  const { sites, browser } = useSites();
  const site = (name: string) => sites.find((s) => s.name === name)!;
  // One context per combination, shared by every page type: each test opens and closes its own pages.
  const contexts = new Map<string, Promise<BrowserContext>>();
  const context = (options: Parameters<typeof newContext>[1] = {}) => {
    const key = JSON.stringify(options);
    if (!contexts.has(key)) contexts.set(key, newContext(browser(), options));
    return contexts.get(key)!;
  };
  afterAll(async () => {
    for (const c of contexts.values()) await (await c).close().catch(() => undefined);
  });
  const pathOf = (s: ServedSite, type: string) => {
    const found = pageTypes(s).find((p) => p.type === type);
    if (!found) throw new Error(`the ${s.name} site has no ${type} page`);
    return found.path;
  };

  for (const [siteName, types] of Object.entries(SITES)) {
    for (const type of types) {
      describe(`${siteName}: ${type}`, () => {
        it("has no accessibility violations (axe-core) in the light or the dark theme", async () => {
          for (const theme of ["light", "dark"] as const) {
            const { page, problems } = await openPage(await context({ theme }), site(siteName), pathOf(site(siteName), type));
            try {
              if (type === "search") await page.waitForSelector(".search-result");
              expect(await axeViolations(page), `${theme} theme`).toEqual([]);
              expect(problems).toEqual([]);
            } finally {
              await page.close();
            }
          }
        });

        it("fits 375 px and 320 px phones without horizontal scrolling, and every request stays on the site", async () => {
          for (const width of [375, 320]) {
            const { page, problems } = await openPage(await context({ width }), site(siteName), pathOf(site(siteName), type));
            try {
              if (type === "search") await page.waitForSelector(".search-result");
              // Open every "et al." too: the full author list must fit as well.
              for (const summary of await page.locator(".more-authors > summary").all()) await summary.click();
              const [scrollWidth, clientWidth] = (await page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")) as [
                number,
                number,
              ];
              expect(clientWidth).toBe(width);
              expect(scrollWidth, `the page scrolls sideways at ${width} px`).toBeLessThanOrEqual(clientWidth);
              expect(problems).toEqual([]);
            } finally {
              await page.close();
            }
          }
        });

        it("reads fully with JavaScript off", async () => {
          const { page, problems } = await openPage(await context({ javaScript: false }), site(siteName), pathOf(site(siteName), type));
          try {
            const text = await page.locator("main").innerText();
            expect(text.length).toBeGreaterThan(40);
            // Buttons that only JavaScript can make work are not shown without it.
            expect(await page.locator("button[data-copy]:visible, button[data-copy-target]:visible").count()).toBe(0);
            if (type === "search") {
              await expect.poll(() => page.locator("main").innerText()).toContain("needs JavaScript");
              expect(await page.locator("noscript a[href$='/archive/'], main a[href$='/archive/']").count()).toBeGreaterThan(0);
            }
            if (type === "home" || type === "day" || type === "tag" || type === "month") {
              expect(await page.locator(".paper-card, .paper-rows li").count()).toBeGreaterThan(0);
            }
            expect(problems).toEqual([]);
          } finally {
            await page.close();
          }
        });

        // The digest has every page type; of the basic fixture, only what the digest lacks (a second page) is photographed.
        if (siteName === "digest" || type === "month-page-2")
          it("is photographed on desktop and phone, light and dark", async () => {
            await mkdir(SCREENSHOTS, { recursive: true });
            for (const width of [1280, 375]) {
              for (const theme of ["light", "dark"] as const) {
                const { page } = await openPage(await context({ theme, width }), site(siteName), pathOf(site(siteName), type));
                try {
                  if (type === "search") await page.waitForSelector(".search-result");
                  const file = `${siteName}-${type}-${width < 600 ? "phone" : "desktop"}-${theme}.png`;
                  await page.screenshot({ path: path.join(SCREENSHOTS, file), fullPage: true });
                  for (const [s, t, w, th, name] of README_SCREENSHOTS) {
                    if (process.env.UPDATE_SCREENSHOTS === "1" && s === siteName && t === type && w === width && th === theme) {
                      await page.screenshot({ path: path.join(ROOT, "docs", "screenshots", name) });
                    }
                  }
                } finally {
                  await page.close();
                }
              }
            }
          });
      });
    }
  }
});
