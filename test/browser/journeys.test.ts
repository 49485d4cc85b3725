// What a reader does, in real Chromium, on the digest and basic fixtures:
// browse days, papers and tags to a feed; search for an author; move between
// days, weeks and months; copy a BibTeX entry and a feed address; read in the
// dark theme; open a long author list without JavaScript.
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { formatLongDate } from "../../scripts/util/dates.ts";
import type { SiteModel } from "../../scripts/site/model.ts";
import { BASE_PATH, describeInBrowser, newContext, openPage, paperWith, type ServedSite, useSites } from "../support/browser.ts";

/** The pathname of the page, below the origin (`/digest/days/2025-01-07/`). */
const pathname = (page: Page) => new URL(page.url()).pathname;

/** An author whose surname appears on exactly one paper, so a search for it has one right answer. */
function uniqueAuthor(model: SiteModel) {
  const surname = (name: string) => name.split(" ").at(-1)!;
  const count = new Map<string, number>();
  for (const paper of model.papers) for (const name of new Set(paper.authors.map(surname))) count.set(name, (count.get(name) ?? 0) + 1);
  for (const paper of model.papers) {
    const name = paper.authors.find((a) => count.get(surname(a)) === 1 && /^\p{L}+$/u.test(surname(a)));
    if (name) return { paper, name, surname: surname(name) };
  }
  throw new Error("no author with a unique surname");
}

describeInBrowser("reader journeys in Chromium", () => {
  const { sites, browser } = useSites();
  const open: Page[] = [];
  afterEach(async () => {
    for (const page of open.splice(0)) await page.context().close();
  });
  /** Opens a page in a fresh context and checks, at the end of the test, that nothing left the site. */
  const start = async (site: ServedSite, pagePath = "", options: Parameters<typeof newContext>[1] = {}) => {
    const context = await newContext(browser(), options);
    const { page, problems } = await openPage(context, site, pagePath);
    open.push(page);
    return { page, problems };
  };

  for (const siteName of ["digest", "fixture"] as const) {
    const site = () => sites.find((s) => s.name === siteName)!;

    describe(siteName, () => {
      it("latest day → previous day → a paper → its tag → that tag's feed", async () => {
        const { model, url } = site();
        const { page, problems } = await start(site());
        const latest = model.days[0]!;
        expect(await page.locator("h1").innerText()).toBe(formatLongDate(latest.date, "en"));

        let day = latest;
        const previous = page.locator("nav.pager a[rel=prev]").first();
        if (model.days.length > 1) {
          await previous.click();
          day = model.days[1]!;
          expect(pathname(page)).toBe(`${BASE_PATH}days/${day.date}/`);
          expect(await page.locator("h1").innerText()).toBe(formatLongDate(day.date, "en"));
        } else {
          // A digest of a single day has no previous day to go to.
          expect(await previous.count()).toBe(0);
        }

        const paper = day.papers.find((p) => p.tags.length > 0)!;
        await page.locator(`.paper-card .paper-title a[href="${BASE_PATH}papers/${paper.id}/"]`).click();
        expect(pathname(page)).toBe(`${BASE_PATH}papers/${paper.id}/`);
        expect(await page.locator(".paper-facts a").first().getAttribute("href")).toBe(`${BASE_PATH}days/${day.date}/`);

        const tag = paper.tags[0]!;
        await page.locator(".paper .tags a", { hasText: tag }).first().click();
        expect(pathname(page)).toBe(`${BASE_PATH}tags/${tag}/`);
        expect(await page.locator("h1").innerText()).toContain(tag);

        // The tag's own RSS feed once per-tag feeds are in (branch issue-4-scholar); the site's feed until then.
        const tagFeed = page.locator(`main a[href="${BASE_PATH}tags/${tag}/feed.xml"]`);
        const feedLink = (await tagFeed.count()) > 0 ? tagFeed.first() : page.locator(`footer a[href="${BASE_PATH}feed.xml"]`);
        const href = await feedLink.getAttribute("href");
        const response = await page.goto(new URL(href!, url).href);
        expect(response!.status()).toBe(200);
        expect(response!.headers()["content-type"]).toContain("xml");
        const feed = await response!.text();
        expect(feed).toContain("<rss");
        expect(feed).toContain(`<link>http://127.0.0.1${BASE_PATH}papers/${paper.id}/</link>`);
        expect(problems).toEqual([]);
      });

      it("search for an author from the header box, and open the hit", async () => {
        const { model } = site();
        const { paper, name, surname } = uniqueAuthor(model);
        const { page, problems } = await start(site());
        await page.locator("#site-search-q").fill(surname);
        await page.locator("#site-search-q").press("Enter");
        await page.waitForURL(`**${BASE_PATH}search/?q=${encodeURIComponent(surname)}`);
        await page.locator(".search-result").first().waitFor();
        expect(await page.locator("#search-q").inputValue()).toBe(surname);
        const results = page.locator(".search-result");
        expect(await results.count()).toBe(1);
        expect(await results.locator(".authors mark").allInnerTexts()).toEqual([surname]);
        expect(await page.locator("#search-status").innerText()).toBe(`1 paper matches “${surname}”.`);

        await results.locator("a").first().click();
        expect(pathname(page)).toBe(`${BASE_PATH}papers/${paper.id}/`);
        expect(await page.locator(".paper .authors").innerText()).toContain(name);
        expect(problems).toEqual([]);
      });

      it("search shows results as you type and keeps the query in the address", async () => {
        const { model } = site();
        const word = model.papers[0]!.title.split(/\s+/).find((w) => /^\p{L}{6,}$/u.test(w))!;
        const { page, problems } = await start(site(), "search/");
        const prefix = word.slice(0, 5);
        await page.locator("#search-q").pressSequentially(prefix, { delay: 40 });
        // Results follow each keystroke (after a short pause), with no Enter pressed.
        await page.locator("#search-status", { hasText: `“${prefix}”` }).waitFor();
        expect(new URL(page.url()).searchParams.get("q")).toBe(prefix);
        expect(await page.locator(".search-result .paper-title mark").allInnerTexts()).toContain(word);
        await page.locator("#search-q").fill("zzzzqqqq");
        await page.locator("#search-status", { hasText: "No paper matches" }).waitFor();
        expect(await page.locator(".search-result").count()).toBe(0);
        expect(problems).toEqual([]);
      });

      if (siteName === "fixture") {
        it("folds accents and case as the build did, so 'NUNEZ' finds José Ñúñez", async () => {
          // search.js has its own copy of processTerm (scripts/render/search-documents.ts); this keeps the two in step.
          const { page, problems } = await start(site(), "search/?q=NUNEZ");
          await page.locator(".search-result").first().waitFor();
          expect(await page.locator(".search-result .paper-title a").getAttribute("href")).toBe(`${BASE_PATH}papers/2412.00010/`);
          expect(await page.locator(".search-result .authors mark").allInnerTexts()).toEqual(["Ñúñez"]);
          expect(problems).toEqual([]);
        });
      }

      it("day → its week → its month → back to the day, with previous and next links between them", async () => {
        const { model } = site();
        const day = model.days.at(-1)!;
        const { page, problems } = await start(site(), `days/${day.date}/`);
        await page.locator(".period-links a[href*='/weeks/']").click();
        const week = model.weeks.at(-1)!;
        expect(pathname(page)).toBe(`${BASE_PATH}weeks/${week.key}/`);
        expect(await page.locator("h1").innerText()).toMatch(/^Week \d+, \d{4}$/);
        expect(await page.locator(`.date-list a[href="${BASE_PATH}days/${day.date}/"]`).count()).toBe(1);
        if (model.weeks.length > 1) {
          await page.locator("nav.pager a.pager-next").first().click();
          expect(pathname(page)).toBe(`${BASE_PATH}weeks/${model.weeks.at(-2)!.key}/`);
          await page.goBack();
        }

        await page.locator(".period-links a[href*='/months/']").first().click();
        const month = model.months.at(-1)!;
        expect(pathname(page)).toBe(`${BASE_PATH}months/${month.key}/`);
        const cell = page.locator(`.calendar a[href="${BASE_PATH}days/${day.date}/"]`);
        expect(await cell.innerText()).toContain(formatLongDate(day.date, "en"));
        // Days without papers are in the calendar, but not as links.
        expect(await page.locator(".calendar td a").count()).toBe(model.days.filter((d) => d.date.startsWith(month.key)).length);

        if (month.count > model.config.pageSize) {
          await page.locator(".pagination a[rel=next]").click();
          expect(pathname(page)).toBe(`${BASE_PATH}months/${month.key}/page/2/`);
          expect(await page.locator("link[rel=canonical]").getAttribute("href")).toBe(`http://127.0.0.1${BASE_PATH}months/${month.key}/page/2/`);
          expect(await page.locator("link[rel=prev]").getAttribute("href")).toBe(`${BASE_PATH}months/${month.key}/`);
          expect(await page.locator(".pagination a[aria-current=page]").innerText()).toContain("2");
          await page.goBack();
        }

        await cell.click();
        // The latest day's address leads to the home page, which is that day.
        await expect.poll(() => pathname(page)).toBe(day === model.days[0] ? BASE_PATH : `${BASE_PATH}days/${day.date}/`);
        expect(problems).toEqual([]);
      });

      it("copies a paper's BibTeX entry with the Cite block's copy button", async () => {
        // Contract with branch issue-4-scholar, which adds the Cite block: this test fails until it is merged.
        const { model, origin } = site();
        const paper = model.papers.find((p) => p.arxiv) ?? model.papers[0]!;
        const { page, problems } = await start(site(), `papers/${paper.id}/`);
        await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin });
        expect(await page.locator("#cite").count(), "the paper page has no #cite section").toBe(1);
        const entry = page.locator("#cite pre#bibtex");
        const button = page.locator('#cite button[data-copy-target="#bibtex"]');
        expect(await button.isVisible()).toBe(true);
        await button.click();
        await page.locator('button[data-copy-target="#bibtex"][data-copy-state="copied"]').waitFor();
        const copied = (await page.evaluate("navigator.clipboard.readText()")) as string;
        expect(copied).toBe(await entry.textContent());
        expect(copied).toMatch(/^@\w+\{/);
        expect(problems).toEqual([]);
      });

      it("copies a feed's address on the subscribe page", async () => {
        const { origin } = site();
        const { page, problems } = await start(site(), "subscribe/");
        await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin });
        const buttons = page.locator("button[data-copy]");
        expect(await buttons.count()).toBeGreaterThanOrEqual(3);
        const button = buttons.nth(1);
        expect(await button.isVisible()).toBe(true);
        await button.click();
        await page.locator('button[data-copy][data-copy-state="copied"]').waitFor();
        expect(await page.evaluate("navigator.clipboard.readText()")).toBe(`http://127.0.0.1${BASE_PATH}atom.xml`);
        await page.locator("[role=status]", { hasText: "Copied to the clipboard." }).waitFor();
        expect(problems).toEqual([]);
      });

      it("follows the reader's dark theme, math included", async () => {
        const paper = paperWith(site(), `class="katex"`);
        const { page, problems } = await start(site(), `papers/${paper.id}/`);
        const colours = () =>
          page.evaluate(`(() => {
            const body = getComputedStyle(document.body);
            const math = document.querySelector(".summary .katex");
            return { background: body.backgroundColor, text: body.color, math: math ? getComputedStyle(math).color : null };
          })()`) as Promise<{ background: string; text: string; math: string | null }>;
        const light = await colours();
        await page.emulateMedia({ colorScheme: "dark" });
        const dark = await colours();
        expect(light.background).toBe("rgb(255, 255, 255)");
        expect(dark.background).not.toBe(light.background);
        expect(dark.text).not.toBe(light.text);
        // KaTeX draws in the text colour, so formulas stay legible in both themes.
        expect(light.math).toBe(light.text);
        expect(dark.math).toBe(dark.text);
        expect(problems).toEqual([]);
      });
    });
  }

  it("opens a long author list's et al. without JavaScript", async () => {
    const digest = sites.find((s) => s.name === "digest")!;
    const { page, problems } = await start(digest, "", { javaScript: false });
    const list = page.locator(".paper-card .authors", { has: page.locator(".more-authors") }).first();
    const hidden = list.locator(".more-authors bdi").first();
    expect(await hidden.isVisible()).toBe(false);
    expect(await list.locator("summary").innerText()).toMatch(/^et al\. \(\d+ more\)$/);
    await list.locator("summary").click();
    expect(await hidden.isVisible()).toBe(true);
    expect(await list.locator(".more-authors").getAttribute("open")).toBe("");
    expect(problems).toEqual([]);
  });
});
