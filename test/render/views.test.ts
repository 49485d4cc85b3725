// Day, week and month views, pagination and author lists: the site model
// planned into pages, checked on synthetic sites of any size.
import fc from "fast-check";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../scripts/content/config.ts";
import { pageOutputs, planPages } from "../../scripts/render/pages.ts";
import { loadTemplates } from "../../scripts/render/templates.ts";
import { paginate, pageWindow } from "../../scripts/site/paginate.ts";
import { buildSiteModel } from "../../scripts/site/model.ts";
import { doiUrl, paperLinks } from "../../scripts/site/links.ts";
import { authorListView, monthCalendar, weekLink } from "../../scripts/render/views.ts";
import { buildSite, FIXTURES, textOf, THEME } from "../support/helpers.ts";
import { syntheticBodyStore, syntheticConfig, syntheticPapers } from "../support/synthetic.ts";
import { Fingerprints } from "../../scripts/render/fingerprint.ts";
import { PlanScope } from "../../scripts/render/plan-scope.ts";
import { themeLocale } from "../support/locale.ts";

const plansOf = (pageSize: number, papers = syntheticPapers(60, { perDay: 4, firstDay: "2025-09-22" })) =>
  planPages(new PlanScope(buildSiteModel(syntheticConfig({ pageSize }), papers), new Fingerprints(), themeLocale()));

describe("pagination", () => {
  it("keeps page 1 at the listing's own address and puts later pages below it", () => {
    const pages = paginate("tags/llm/", [1, 2, 3, 4, 5], 2);
    expect(pages.map((p) => [p.route, p.items])).toEqual([
      ["tags/llm/", [1, 2]],
      ["tags/llm/page/2/", [3, 4]],
      ["tags/llm/page/3/", [5]],
    ]);
    expect(pages.every((p) => p.total === 3)).toBe(true);
  });

  it("gives an empty listing its page 1 and refuses a page size below 1", () => {
    expect(paginate("tags/x/", [], 25)).toEqual([{ number: 1, total: 1, route: "tags/x/", items: [] }]);
    expect(() => paginate("tags/x/", [1], 0)).toThrow(/internal error/);
  });

  it("splits any listing into pages that hold every item once, in order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 200 }), fc.integer({ min: 1, max: 60 }), (items, size) => {
        const pages = paginate("months/2025-10/", items, size);
        expect(pages.flatMap((p) => p.items)).toEqual(items);
        expect(pages.every((p) => p.items.length <= size)).toBe(true);
        expect(pages.slice(0, -1).every((p) => p.items.length === size)).toBe(true);
        expect(new Set(pages.map((p) => p.route)).size).toBe(pages.length);
      }),
    );
  });

  it("shows a window of page numbers that always holds the first, the last and the current page", () => {
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(10, 40)).toEqual([1, null, 8, 9, 10, 11, 12, null, 40]);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }).chain((total) => fc.tuple(fc.integer({ min: 1, max: total }), fc.constant(total))),
        ([current, total]) => {
          const shown = pageWindow(current, total);
          const numbers = shown.filter((n): n is number => n !== null);
          expect(numbers).toContain(1);
          expect(numbers).toContain(total);
          expect(numbers).toContain(current);
          expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
          expect(shown.length).toBeLessThanOrEqual(11);
          shown.forEach((n, i) => {
            if (n === null) expect(shown[i + 1]).not.toBeNull();
          });
        },
      ),
    );
  });

  it("paginates tag, week and month pages with a canonical link, rel=prev/next and a title per page", () => {
    const plans = plansOf(10);
    const routes = plans.map((p) => p.route);
    // 60 papers from Monday 2025-09-22, 4 a day: 15 days, so September has 9 days (36 papers) and October 6 (24).
    expect(routes.filter((r) => r.startsWith("months/2025-09/"))).toEqual([
      "months/2025-09/",
      "months/2025-09/page/2/",
      "months/2025-09/page/3/",
      "months/2025-09/page/4/",
    ]);
    expect(routes.filter((r) => r.startsWith("weeks/2025-W39/"))).toEqual(["weeks/2025-W39/", "weeks/2025-W39/page/2/", "weeks/2025-W39/page/3/"]);
    const second = plans.find((p) => p.route === "months/2025-09/page/2/")!;
    const page = second.context.page as Record<string, string>;
    expect(page.canonical).toBe("https://example.org/digest/months/2025-09/page/2/");
    expect(page.prev).toBe("/digest/months/2025-09/");
    expect(page.next).toBe("/digest/months/2025-09/page/3/");
    expect(page.title).toBe("September 2025, page 2 of 4 — Synthetic Digest");
    const first = plans.find((p) => p.route === "months/2025-09/")!.context.page as Record<string, string>;
    expect(first.prev).toBeUndefined();
    expect(first.title).toBe("September 2025, page 1 of 4 — Synthetic Digest");
  });

  it("leaves a listing that fits on one page unpaginated", () => {
    const plans = plansOf(1000);
    expect(plans.some((p) => p.route.includes("/page/"))).toBe(false);
    const month = plans.find((p) => p.route === "months/2025-09/")!;
    expect((month.context.page as Record<string, string>).title).toBe("September 2025 — Synthetic Digest");
    expect((month.context.pagination as { isPaged: boolean }).isPaged).toBe(false);
  });

  it("reads its page size from page_size in the configuration, 100 by default, and refuses 0", () => {
    const base = "title: T\ndescription: D\nurl: https://example.org/\nauthor:\n  name: A\n";
    expect(parseConfig(base).config!.pageSize).toBe(100);
    expect(parseConfig(`${base}page_size: 50\n`).config!.pageSize).toBe(50);
    expect(parseConfig(`${base}page_size: 0\n`).diagnostics.map((d) => `${d.line}: ${d.field}: ${d.message}`)).toEqual(["6: page_size: must be at least 1"]);
  });
});

describe("weeks and months", () => {
  it("labels an ISO week with its number and its span of dates", () => {
    const config = syntheticConfig();
    expect(weekLink(config, "2025-W41", themeLocale())).toMatchObject({ label: "Week 41, 2025", url: "/digest/weeks/2025-W41/" });
    expect(weekLink(config, "2025-W41", themeLocale()).range.replace(/\s/g, " ")).toBe("October 6 – 12, 2025");
    // ISO week 1 of 2025 starts on Monday, December 30, 2024.
    expect(weekLink(config, "2025-W01", themeLocale()).range.replace(/\s/g, " ")).toBe("December 30, 2024 – January 5, 2025");
  });

  it("draws a month as Monday-first weeks, linking only days and weeks that have papers", () => {
    const papers = syntheticPapers(2, { perDay: 1, firstDay: "2025-10-06" });
    const model = buildSiteModel(syntheticConfig(), papers);
    const calendar = monthCalendar(model.config, "2025-10", model);
    expect(calendar.weekdays).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    expect(calendar.rows.map((r) => r.key)).toEqual(["2025-W40", "2025-W41", "2025-W42", "2025-W43", "2025-W44"]);
    // October 1, 2025 is a Wednesday; October 31 a Friday.
    expect(calendar.rows[0]!.cells.map((c) => c?.number ?? null)).toEqual([null, null, 1, 2, 3, 4, 5]);
    expect(calendar.rows[4]!.cells.map((c) => c?.number ?? null)).toEqual([27, 28, 29, 30, 31, null, null]);
    const linked = calendar.rows.flatMap((r) => r.cells).filter((c) => c?.url);
    expect(linked.map((c) => [c!.date, c!.url, c!.count])).toEqual([
      ["2025-10-06", "/digest/days/2025-10-06/", 1],
      ["2025-10-07", "/digest/days/2025-10-07/", 1],
    ]);
    expect(calendar.rows.filter((r) => "url" in r).map((r) => r.key)).toEqual(["2025-W41"]);
  });

  it("renders pages newest first, so the pages that share a paper render together while its body is in memory", async () => {
    const papers = syntheticPapers(60, { perDay: 3, firstDay: "2025-09-01" });
    const scope = new PlanScope(buildSiteModel(syntheticConfig({ pageSize: 5 }), papers), new Fingerprints(), themeLocale());
    const plans = planPages(scope);
    const { templates } = await loadTemplates([{ dir: THEME, display: "scripts/theme" }]);
    const order = pageOutputs(plans, templates!, scope, syntheticBodyStore(papers)).map((o) => o.path);
    const newest = (file: string) => plans.find((p) => p.path === file)!.lastModified;
    const dated = order.filter((file) => newest(file) !== undefined);
    expect(dated.map(newest)).toEqual(dated.map(newest).sort().reverse());
    // Undated pages (search, subscribe, the 404) come last, and no page is lost or doubled.
    expect(order.slice(dated.length).every((file) => newest(file) === undefined)).toBe(true);
    expect([...order].sort()).toEqual(plans.map((p) => p.path).sort());
    // A paper's own page is rendered within a few pages of its day's page, not a whole pass later.
    const first = papers.find((p) => p.day === "2025-09-05")!;
    const distance = Math.abs(order.indexOf(`papers/${first.id}/index.html`) - order.indexOf("days/2025-09-05/index.html"));
    expect(distance).toBeLessThan(20);
  });

  it("links a day to its week and month, a week to its days and months, a month to its weeks and days", async () => {
    // A week across two months: Wednesday, October 29 to Sunday, November 2, 2025.
    const papers = syntheticPapers(5, { perDay: 1, firstDay: "2025-10-29" });
    const plans = planPages(new PlanScope(buildSiteModel(syntheticConfig(), papers), new Fingerprints(), themeLocale()));
    // biome-ignore lint/suspicious/noExplicitAny: the test walks template contexts of every shape
    const context = (r: string) => plans.find((p) => p.route === r)!.context as Record<string, any>;
    const day = context("days/2025-10-30/").day;
    expect([day.week.url, day.month.url]).toEqual(["/digest/weeks/2025-W44/", "/digest/months/2025-10/"]);
    const week = context("weeks/2025-W44/").week;
    expect(week.months.map((m: { url: string }) => m.url)).toEqual(["/digest/months/2025-10/", "/digest/months/2025-11/"]);
    expect(week.days.map((d: { date: string }) => d.date)).toEqual(["2025-10-29", "2025-10-30", "2025-10-31", "2025-11-01", "2025-11-02"]);
    const october = context("months/2025-10/").month;
    expect(october.pager).toMatchObject({ hasPager: true, next: { url: "/digest/months/2025-11/" } });
    expect(october.pager.previous).toBeUndefined();
    const november = context("months/2025-11/");
    expect(november.month.pager.previous.url).toBe("/digest/months/2025-10/");
    expect(november.papers.map((p: { id: string }) => p.id)).toEqual(["2401.00004", "2401.00003"]);
  });

  it("renders week and month pages of the fixture that link each other, and an archive that links both", async () => {
    const result = await buildSite(path.join(FIXTURES, "basic"));
    const day = textOf(result, "days/2025-01-07/index.html");
    expect(day).toContain('<a href="/digest/weeks/2025-W02/">Week 2, 2025</a>');
    expect(day).toContain('<a href="/digest/months/2025-01/">January 2025</a>');
    const week = textOf(result, "weeks/2025-W02/index.html");
    expect(week).toContain('href="/digest/days/2025-01-06/"');
    expect(week).toContain('href="/digest/days/2025-01-07/"');
    expect(week).toContain('href="/digest/months/2025-01/"');
    expect(week).toContain('href="/digest/weeks/2025-W03/"');
    const month = textOf(result, "months/2025-01/index.html");
    expect(month).toContain('<a href="/digest/weeks/2025-W02/">');
    expect(month).toContain('<a href="/digest/days/2025-01-13/">');
    expect(month).not.toContain('href="/digest/days/2025-01-08/"');
    expect(month).toContain('<link rel="next" href="/digest/months/2025-01/page/2/">');
    const archive = textOf(result, "archive/index.html");
    expect(archive).toContain('<a href="/digest/months/2025-01/">January 2025</a>');
    expect(archive).toContain('href="/digest/weeks/2025-W03/"');
  });
});

describe("author lists", () => {
  it("shortens lists of more than five names to three, keeping the rest behind et al.", () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `Author ${i + 1}`);
    expect(authorListView(names(5))).toEqual({ shown: names(5), rest: [] });
    expect(authorListView(names(6))).toEqual({ shown: names(3), rest: ["Author 4", "Author 5", "Author 6"] });
  });

  it("puts the rest in a <details> on listings, which needs no JavaScript, and every name on the paper page", async () => {
    const result = await buildSite(path.join(FIXTURES, "digest"));
    const home = textOf(result, "index.html");
    // The digest fixture's GPT-3 paper has fourteen authors.
    expect(home).toContain(
      '<bdi>Tom B. Brown</bdi>, <bdi>Benjamin Mann</bdi>, <bdi>Nick Ryder</bdi> <details class="more-authors"><summary>et al. <span class="more-count">(11 more)</span></summary><bdi>Melanie Subbiah</bdi>',
    );
    const paper = textOf(result, "papers/2005.14165/index.html");
    expect(paper).not.toContain("more-authors");
    expect(paper).toContain("<bdi>Nick Ryder</bdi>, <bdi>Melanie Subbiah</bdi>");
  });
});

describe("DOI links", () => {
  it("percent-encode what a URL cannot hold, and keep what a path allows as written", () => {
    expect(doiUrl("10.1145/3292500.3330701")).toBe("https://doi.org/10.1145/3292500.3330701");
    // A real SICI-style DOI: < and > are encoded, the parentheses, colons and semicolon stay.
    expect(doiUrl("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0")).toBe(
      "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-0",
    );
    // # would start a fragment and ? a query, cutting the DOI short; % would start an escape.
    expect(doiUrl('10.1000/a#b?c%d"e')).toBe("https://doi.org/10.1000/a%23b%3Fc%25d%22e");
    expect(doiUrl("10.1000/größe")).toBe("https://doi.org/10.1000/gr%C3%B6%C3%9Fe");
    // "." and ".." segments would be resolved away by URL parsers, changing the DOI.
    expect(doiUrl("10.1000/a/../b/.")).toBe("https://doi.org/10.1000/a%2F../b%2F.");
    const [paper] = syntheticPapers(1);
    expect(paperLinks({ ...paper!, doi: "10.1000/a#b" }, []).find((l) => l.kind === "doi")?.url).toBe("https://doi.org/10.1000/a%23b");
  });

  it("always give a URL whose path decodes back to the DOI", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(".", "..", "/", "#", "?", "%", "%2e", "\\", " "), fc.string({ unit: "grapheme" })), { minLength: 1 }),
        (parts) => {
          const suffix = parts.join("");
          const doi = `10.1000/${suffix}`;
          const url = new URL(doiUrl(doi));
          expect(url.origin).toBe("https://doi.org");
          expect(url.search + url.hash).toBe("");
          expect(decodeURIComponent(url.pathname.slice(1))).toBe(doi);
        },
      ),
    );
  });
});
