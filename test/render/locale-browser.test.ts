// The client scripts speak the site's language: on a German site, in
// Chromium, search reports its results and a copy button its outcome in
// German, from the strings the page carries.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { build } from "../../scripts/commands/build.ts";
import { serveSite, type RunningServer } from "../../scripts/output/serve.ts";
import { BASE_PATH, describeInBrowser, launchChromium, newContext } from "../support/browser.ts";
import { tempDir } from "../support/helpers.ts";
import { germanDigest } from "../support/locale.ts";

describeInBrowser("a German site's scripts", () => {
  let browser: Browser;
  let server: RunningServer;
  beforeAll(async () => {
    const root = await germanDigest("file");
    const outDir = await tempDir("paperboy-browser-de-", "file");
    const result = await build({ root, outDir, env: { SITE_URL: `http://127.0.0.1${BASE_PATH}` } });
    expect(result.diagnostics).toEqual([]);
    server = await serveSite({ dir: outDir, basePath: BASE_PATH, port: 0 });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("search says what it found, and what it did not, in German", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}search/?q=Hinton`);
    const status = page.locator("#search-status");
    await expect.poll(() => status.innerText()).toBe("1 Paper passt zu „Hinton“.");
    expect(await page.locator(".search-result .listed").first().innerText()).toMatch(/^Aufgenommen am \d+\. \p{L}+ 2025/u);
    await page.fill("#search-q", "xyzzyplugh");
    await expect.poll(() => status.innerText()).toBe("Kein Paper passt zu „xyzzyplugh“. Versuchen Sie weniger oder kürzere Wörter.");
    await context.close();
  });

  it("a copy button announces its outcome in German", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}subscribe/`);
    await page.locator("button[data-copy]").first().click();
    const announced = page.locator("body > p[role=status]");
    await expect
      .poll(() => announced.innerText())
      .toMatch(/^(In die Zwischenablage kopiert\.|Kopieren nicht möglich; markieren und kopieren Sie den Text von Hand\.)$/);
    await context.close();
  });
});
