// Listings as a reader sees them, in real Chromium, on the digest and basic
// fixtures: how many papers a screen holds at 1280 × 800 and that a phone gets
// one column; the keyboard shortcuts (`/`, `j`, `k`) and when they keep out of
// the way; search by arXiv id with and without a version, by an author's name
// without its accents, and by tag.
import type { Browser, Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { BASE_PATH, describeInBrowser, newContext, openPage, type ServedSite, useSites } from "../support/browser.ts";

/**
 * Cards whose top lay inside the first 1280 × 800 screen of the digest's home
 * page before listings went wide (one 46rem column, measured in Chromium;
 * docs/site.md). The layout must at least double it.
 */
const CARDS_PER_SCREEN_BEFORE = 3;

/** Where each listed paper's box is on the page: cards on a day, lines on a week, month or tag. */
function paperBoxes(page: Page) {
  return page.evaluate(`[...document.querySelectorAll(".paper-card, .paper-rows > li")].map((e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top + scrollY, left: r.left, right: r.right };
  })`) as Promise<{ top: number; left: number; right: number }[]>;
}

/** How many boxes share the first one's row. */
const firstRow = (boxes: { top: number }[]) => boxes.filter((b) => Math.abs(b.top - boxes[0]!.top) < 1).length;

describeInBrowser("listings in Chromium", () => {
  const { sites, browser } = useSites();
  const site = (name: ServedSite["name"]) => sites.find((s) => s.name === name)!;
  const open: Page[] = [];
  afterEach(async () => {
    for (const page of open.splice(0)) await page.context().close();
  });
  const start = async (served: ServedSite, pagePath = "", options: Parameters<typeof newContext>[1] = {}) => {
    const { page, problems } = await openPage(await newContext(browser(), options), served, pagePath);
    open.push(page);
    return { page, problems };
  };
  /** A 1280 × 800 screen, the size the density figures are measured at. */
  const desktop = async (served: ServedSite, pagePath = "") => {
    const context = await (browser() as Browser).newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
    const { page, problems } = await openPage(context, served, pagePath);
    open.push(page);
    return { page, problems };
  };
  const focused = (page: Page) => page.evaluate("document.activeElement?.getAttribute('href') ?? document.activeElement?.id ?? null") as Promise<string | null>;

  describe("density", () => {
    it("shows a day at a glance at 1280 × 800: cards three abreast, at least twice as many in the first screen as one column held", async () => {
      const { page, problems } = await desktop(site("digest"));
      const boxes = await paperBoxes(page);
      expect(boxes.length).toBe(site("digest").model.days[0]!.papers.length);
      expect(firstRow(boxes)).toBeGreaterThanOrEqual(3);
      const inFirstScreen = boxes.filter((b) => b.top < 800).length;
      // The figure docs/site.md gives ("Layout"): reproduce it with npx vitest run test/browser/listings.test.ts
      const span = (await page.evaluate(`document.querySelector(".paper-list").getBoundingClientRect().height`)) as number;
      console.log(
        `digest home at 1280 × 800: ${inFirstScreen} cards start in the first screen, ${((boxes.length * 1000) / span).toFixed(1)} papers per 1000 px of listing`,
      );
      expect(inFirstScreen).toBeGreaterThanOrEqual(2 * CARDS_PER_SCREEN_BEFORE);
      expect(problems).toEqual([]);
    });

    it("lists a week's, a month's and a tag's papers in columns at 1280 px", async () => {
      const { model } = site("digest");
      const tag = [...model.tags].sort((a, b) => b.papers.length - a.papers.length)[0]!;
      for (const pagePath of [`weeks/${model.weeks[0]!.key}/`, `months/${model.months[0]!.key}/`, `tags/${tag.name}/`]) {
        const { page } = await desktop(site("digest"), pagePath);
        expect(firstRow(await paperBoxes(page)), pagePath).toBeGreaterThanOrEqual(2);
      }
    });

    for (const width of [375, 320]) {
      it(`gives a ${width} px phone one column of cards and rows, with no sideways scroll`, async () => {
        const { model } = site("digest");
        for (const pagePath of ["", `months/${model.months[0]!.key}/`]) {
          const { page, problems } = await start(site("digest"), pagePath, { width });
          const boxes = await paperBoxes(page);
          expect(boxes.length).toBeGreaterThan(1);
          expect(firstRow(boxes), pagePath).toBe(1);
          for (const box of boxes) expect(box.right).toBeLessThanOrEqual(width);
          const [scrollWidth, clientWidth] = (await page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")) as [
            number,
            number,
          ];
          expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
          expect(problems).toEqual([]);
        }
      });
    }
  });

  describe("keyboard shortcuts", () => {
    it("/ focuses the header's search box, and the search page's own box on the search page", async () => {
      const { page, problems } = await start(site("digest"), `papers/${site("digest").model.papers[0]!.id}/`);
      await page.keyboard.press("/");
      expect(await focused(page)).toBe("site-search-q");
      await page.keyboard.type("adam");
      expect(await page.locator("#site-search-q").inputValue()).toBe("adam");

      const search = await start(site("digest"), "search/");
      // The page focuses its box itself once the index is loaded; take focus away, then ask for it back.
      await search.page.locator("#search-q:focus").waitFor();
      await search.page.locator("h1").click();
      await search.page.keyboard.press("/");
      expect(await focused(search.page)).toBe("search-q");
      expect([...problems, ...search.problems]).toEqual([]);
    });

    it("j and k move between the papers of a day, focusing each title and bringing its card into view", async () => {
      const served = site("digest");
      const { page, problems } = await desktop(served);
      const urls = served.model.days[0]!.papers.map((p) => `${BASE_PATH}papers/${p.id}/`);
      await page.keyboard.press("j");
      expect(await focused(page)).toBe(urls[0]);
      await page.keyboard.press("j");
      expect(await focused(page)).toBe(urls[1]);
      await page.keyboard.press("k");
      expect(await focused(page)).toBe(urls[0]);
      // On to the last card, which starts below the first screen: it is scrolled into view.
      for (let i = 1; i < urls.length; i++) await page.keyboard.press("j");
      expect(await focused(page)).toBe(urls.at(-1));
      const card = (await page.evaluate(
        `(() => { const r = document.activeElement.closest("article").getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; })()`,
      )) as { top: number; bottom: number };
      expect(card.top).toBeGreaterThanOrEqual(0);
      expect(card.bottom).toBeLessThanOrEqual(800);
      // j on the last paper stays there.
      await page.keyboard.press("j");
      expect(await focused(page)).toBe(urls.at(-1));
      expect(problems).toEqual([]);
    });

    it("j and k work on the lines of a month too", async () => {
      const served = site("fixture");
      const month = served.model.months[0]!;
      const { page } = await desktop(served, `months/${month.key}/`);
      const first = await page.locator(".paper-rows > li > a").first().getAttribute("href");
      const second = await page.locator(".paper-rows > li > a").nth(1).getAttribute("href");
      await page.keyboard.press("j");
      await page.keyboard.press("j");
      expect(await focused(page)).toBe(second);
      await page.keyboard.press("k");
      expect(await focused(page)).toBe(first);
    });

    it("keeps out of the way: typing j in the search box types a j, and a modifier key held does nothing", async () => {
      const { page, problems } = await desktop(site("digest"));
      await page.locator("#site-search-q").focus();
      await page.keyboard.type("jk/");
      expect(await page.locator("#site-search-q").inputValue()).toBe("jk/");
      expect(await focused(page)).toBe("site-search-q");

      await page.locator("h1").click();
      await page.keyboard.press("Alt+j");
      await page.keyboard.press("Control+/");
      expect(await page.evaluate("document.activeElement === document.body")).toBe(true);
      expect(problems).toEqual([]);
    });

    it("are named on the listing only when JavaScript runs, and its checkbox turns them off for later pages too", async () => {
      const off = await start(site("digest"), "", { javaScript: false });
      expect(await off.page.locator(".shortcuts").isVisible()).toBe(false);

      const { page, problems } = await desktop(site("digest"));
      const note = page.locator(".shortcuts");
      expect(await note.isVisible()).toBe(true);
      expect(await note.innerText()).toContain("next paper");
      await note.locator("input[type=checkbox]").uncheck();
      await page.locator("h1").click();
      await page.keyboard.press("j");
      await page.keyboard.press("/");
      expect(await page.evaluate("document.activeElement === document.body")).toBe(true);
      await page.reload();
      expect(await page.locator(".shortcuts input").isChecked()).toBe(false);
      await page.keyboard.press("j");
      expect(await page.evaluate("document.activeElement === document.body")).toBe(true);
      await page.locator(".shortcuts input").check();
      await page.keyboard.press("j");
      expect(await focused(page)).toBe(await page.locator(".paper-card .paper-title a").first().getAttribute("href"));
      expect(problems).toEqual([]);
    });
  });

  describe("search", () => {
    /** The search page's results for `query`, as the paths of their links. */
    const results = async (served: ServedSite, query: string) => {
      const { page, problems } = await start(served, `search/?q=${encodeURIComponent(query)}`);
      await page.locator("#search-status").filter({ hasText: /match/ }).waitFor();
      const hrefs = await page.locator(".search-result .paper-title a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
      expect(problems).toEqual([]);
      return hrefs;
    };

    it("finds a paper by its arXiv id, with or without a version, bare, prefixed or as an arxiv.org address", async () => {
      const served = site("digest");
      const paper = served.model.papers.find((p) => p.arxiv)!;
      const id = paper.arxiv!.id;
      for (const query of [id, `${id}v2`, `arXiv:${id}v1`, `https://arxiv.org/abs/${id}v3`]) {
        expect((await results(served, query))[0], query).toBe(`${BASE_PATH}papers/${id}/`);
      }
    });

    it("finds an old-style arXiv id, with or without a version", async () => {
      for (const query of ["hep-th/9901001", "hep-th/9901001v2", "HEP-TH/9901001"]) {
        expect(await results(site("fixture"), query), query).toEqual([`${BASE_PATH}papers/hep-th/9901001/`]);
      }
    });

    it("finds an author by a name typed without its accents ('nunez' finds Ñúñez)", async () => {
      expect(await results(site("fixture"), "nunez")).toEqual([`${BASE_PATH}papers/2412.00010/`]);
    });

    it("finds every paper of a tag by the tag's name, those papers first", async () => {
      const served = site("digest");
      const tag = [...served.model.tags].sort((a, b) => b.papers.length - a.papers.length || (a.name < b.name ? -1 : 1))[0]!;
      const tagged = tag.papers.map((p) => `${BASE_PATH}papers/${p.id}/`);
      const found = await results(served, tag.name);
      expect(new Set(found.slice(0, tagged.length))).toEqual(new Set(tagged));
    });
  });
});
