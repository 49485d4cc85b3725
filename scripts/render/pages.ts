// Site model → HTML pages. Every page has a key (`paper/content/papers/…`,
// `day/2025-10-06`, `tag/llm/2`) from which it is planned alone: a full build
// plans every key, an edit only the keys of the pages that show the edited
// paper. Planning (which page, which template, which data) is separate from
// rendering, so the build can decide what needs rendering.
//
// One page per address and one address per page: the latest day is the home
// page, and its own address (`days/<date>/`, which every link to the day uses,
// so pages need not change when the next day comes) redirects there. Listings
// carry compact cards (title, authors, tags, and on day pages the summary's
// opening); a summary in full is on its paper's page only.
import type { BodyStore } from "../content/body-store.ts";
import { paginate } from "../site/paginate.ts";
import { absoluteUrl, href, outputPath, route } from "../site/routes.ts";
import type { Period, SiteModel } from "../site/model.ts";
import type { CalendarDate, Paper, SiteConfig } from "../types.ts";
import { CODE_VERSION } from "../util/code-version.ts";
import { addDays, isoWeekStart, monthOf } from "../util/dates.ts";
import { toPageHtml } from "../util/html-text.ts";
import { byCodeUnit } from "../util/order.ts";
import { citationView, type CitationView } from "./citation.ts";
import { feedLinks, tagFeedSpec } from "./feeds.ts";
import { lazyFields } from "./fingerprint.ts";
import { newsletterKeys, planNewsletter } from "./newsletter.ts";
import { RenderError, type PagePlan, type PlannedOutput } from "./outputs.ts";
import type { PlanScope } from "./plan-scope.ts";
import { subscribeView } from "./subscribe.ts";
import type { TemplateSet } from "./templates.ts";
import { archiveMonthView, dayLink, dayView, monthCalendar, monthLink, paginationView, papersLabel, periodPager, weekDays, weekLink } from "./views.ts";

const CITATION_FIELDS: (keyof CitationView)[] = ["key", "bibtex", "bibtexHtml", "highwire", "article", "jsonLd"];

/** A paper's citation data, derived only when its page renders; the paper's cache key and citation key fix its content. */
function lazyCitation(scope: PlanScope, paper: Paper): CitationView {
  const key = scope.citationKey(paper);
  return scope.fingerprints.mark(
    lazyFields(CITATION_FIELDS, () => citationView(scope.config, paper, key)),
    `citation\0${paper.key}\0${key}`,
    paper,
  );
}

function page(config: SiteConfig, routePath: string, title: string, description: string) {
  // `social` feeds the Open Graph tags of templates/partials/social-meta.hbs; paper pages override it.
  return { title, description, route: routePath, canonical: absoluteUrl(config, routePath), url: href(config, routePath), social: { type: "website", title } };
}

/** The kinds of listing that run over several pages, and what each lists. */
const LISTINGS = {
  week: (model: SiteModel) => model.weeks.map((week) => ({ key: week.key, papers: week.days.flatMap((d) => d.papers) })),
  month: (model: SiteModel) => model.months.map((month) => ({ key: month.key, papers: month.days.flatMap((d) => d.papers) })),
  tag: (model: SiteModel) => model.tags.map((tag) => ({ key: tag.name, papers: tag.papers })),
} as const;

/** How many pages a listing of `count` papers takes. */
function pageCount(count: number, pageSize: number): number {
  return Math.max(1, Math.ceil(count / pageSize));
}

/** The key of every page of the site. */
export function pageKeys(model: SiteModel): string[] {
  const keys = ["home"];
  model.days.forEach((day, index) => {
    keys.push(index === 0 ? `latest/${day.date}` : `day/${day.date}`);
  });
  for (const paper of model.papers) keys.push(`paper/${paper.path}`);
  for (const [kind, listings] of Object.entries(LISTINGS)) {
    for (const { key, papers } of listings(model)) {
      for (let n = 1; n <= pageCount(papers.length, model.config.pageSize); n++) keys.push(`${kind}/${key}/${n}`);
    }
  }
  keys.push("archive", "tags", "search", "subscribe", "not-found", ...newsletterKeys(model));
  return keys;
}

/** Plans every HTML page of the site. */
export function planPages(scope: PlanScope): PagePlan[] {
  return pageKeys(scope.model).map((key) => planPage(scope, key)!);
}

/** Plans the page `key`; undefined when the site has no such page (any more). */
export function planPage(scope: PlanScope, key: string): PagePlan | undefined {
  const slash = key.indexOf("/");
  const kind = slash < 0 ? key : key.slice(0, slash);
  const arg = slash < 0 ? "" : key.slice(slash + 1);
  switch (kind) {
    case "home":
      return homePage(scope);
    case "latest":
    case "day":
      return dayPage(scope, key, arg);
    case "paper":
      return paperPage(scope, key, arg);
    case "week":
    case "month":
    case "tag":
      return listingPage(scope, key, kind, arg);
    case "archive":
    case "tags":
    case "search":
    case "subscribe":
    case "not-found":
      return sitePage(scope, key, kind);
    case "newsletter":
      return planNewsletter(scope, key, arg);
    default:
      return undefined;
  }
}

/** A plan entry for a page at `routePath`, with the layout's site context. */
function plan(
  scope: PlanScope,
  key: string,
  routePath: string,
  template: string,
  context: Record<string, unknown>,
  lastModified?: CalendarDate,
  extra: Partial<PagePlan> = {},
): PagePlan {
  return {
    key,
    route: routePath,
    path: outputPath(routePath),
    template,
    context: { site: scope.site(), ...context },
    ...(lastModified ? { lastModified } : {}),
    ...extra,
  };
}

function homePage(scope: PlanScope): PagePlan {
  const { config, model } = scope;
  const latest = model.days[0];
  if (!latest) return plan(scope, "home", route.home(), "day", { page: page(config, route.home(), config.title, config.description), isHome: true });
  const view = dayView(config, latest, model.days[1], undefined, (paper) => scope.view(paper), scope.locale);
  return plan(
    scope,
    "home",
    route.home(),
    "day",
    { page: page(config, route.home(), config.title, config.description), day: view, isHome: true, listing: { excerpts: true } },
    latest.date,
  );
}

function dayPage(scope: PlanScope, key: string, date: string): PagePlan | undefined {
  const { config, locale } = scope;
  const found = scope.day(date);
  if (!found || (found.index === 0) !== key.startsWith("latest/")) return undefined;
  const day = found.item;
  const label = dayLink(config, date).label;
  if (found.index === 0) {
    // The latest day is the home page; its own address, which every link to the day uses, leads there.
    const home = href(config, route.home());
    return plan(
      scope,
      key,
      route.day(date),
      "redirect",
      {
        page: {
          ...page(config, route.day(date), `${label} — ${config.title}`, config.description),
          canonical: absoluteUrl(config, route.home()),
          noindex: true,
        },
        redirect: { url: home, label: locale.text("day.latestLink", { date: label, site: config.title }) },
      },
      date,
    );
  }
  const view = dayView(config, day, found.older, found.newer, (paper) => scope.view(paper), locale);
  const description = locale.text("day.description", { papers: papersLabel(locale, view.count), date: view.label });
  return plan(
    scope,
    key,
    route.day(date),
    "day",
    { page: page(config, route.day(date), `${view.label} — ${config.title}`, description), day: view, listing: { excerpts: true } },
    date,
  );
}

function paperPage(scope: PlanScope, key: string, path: string): PagePlan | undefined {
  const { config } = scope;
  const paper = scope.paper(path);
  if (!paper) return undefined;
  const day = scope.day(paper.day)!.item;
  const position = day.papers.indexOf(paper);
  const before = day.papers[position - 1];
  const after = day.papers[position + 1];
  const view = scope.view(paper);
  const paperRoute = route.paper(paper.id);
  return plan(
    scope,
    key,
    paperRoute,
    "paper",
    {
      // Marked with the paper's key, like its view: it is a function of the paper alone.
      page: scope.fingerprints.mark(
        { ...page(config, paperRoute, `${view.titleText} — ${config.title}`, view.description), social: { type: "article", title: view.titleText } },
        `page\0${paper.key}`,
        paper,
      ),
      paper: view,
      citation: lazyCitation(scope, paper),
      neighbours: {
        any: Boolean(before ?? after),
        ...(before ? { previous: scope.view(before) } : {}),
        ...(after ? { next: scope.view(after) } : {}),
      },
    },
    paper.day,
    {
      bodies: [paper],
      complete: (bodies) => ({ summary: toPageHtml(bodies.get(paper)!.html) }),
    },
  );
}

function listingPage(scope: PlanScope, key: string, kind: "week" | "month" | "tag", arg: string): PagePlan | undefined {
  const { config, model, locale } = scope;
  const cut = arg.lastIndexOf("/");
  const name = arg.slice(0, cut);
  const number = Number(arg.slice(cut + 1));
  let listingRoute: string;
  let template: string;
  let title: string;
  let description: string;
  let papers: readonly Paper[];
  let context: Record<string, unknown>;
  if (kind === "tag") {
    const tag = scope.tag(name);
    if (!tag) return undefined;
    listingRoute = route.tag(tag.name);
    template = "tag";
    title = locale.text("tag.title", { tag: tag.name });
    description = locale.text("tag.description", { count: tag.papers.length, tag: tag.name });
    papers = tag.papers;
    context = {
      tag: {
        label: tag.name,
        count: tag.papers.length,
        feeds: feedLinks(config, tagFeedSpec(config, tag.name, locale)),
        bib: { url: href(config, route.tagBib(tag.name)), file: `${tag.name}.bib`, count: Math.min(tag.papers.length, config.pageSize) },
      },
    };
  } else {
    const found = kind === "week" ? scope.week(name) : scope.month(name);
    if (!found) return undefined;
    const period: Period = found.item;
    papers = period.days.flatMap((d) => d.papers);
    if (kind === "week") {
      const link = weekLink(config, period.key, locale);
      const start = isoWeekStart(period.key);
      const months = [...new Set([monthOf(start), monthOf(addDays(start, 6))])].filter((m) => scope.month(m));
      listingRoute = route.week(period.key);
      template = "week";
      title = link.label;
      description = locale.text("week.description", { papers: papersLabel(locale, period.count), range: link.range });
      context = {
        week: {
          ...link,
          count: period.count,
          dayCount: period.days.length,
          days: weekDays(config, period),
          months: months.map((m) => monthLink(config, m)),
          pager: periodPager(model.weeks, found.index, (k) => weekLink(config, k, locale)),
        },
      };
    } else {
      const link = monthLink(config, period.key);
      listingRoute = route.month(period.key);
      template = "month";
      title = link.label;
      description = locale.text("month.description", { papers: papersLabel(locale, period.count), month: link.label });
      context = {
        month: {
          ...link,
          count: period.count,
          dayCount: period.days.length,
          calendar: monthCalendar(config, period.key, { days: period.days, weeks: model.weeks }),
          pager: periodPager(model.months, found.index, (k) => monthLink(config, k)),
        },
      };
    }
  }
  const current = paginate(listingRoute, papers, config.pageSize)[number - 1];
  if (!current) return undefined;
  const pagination = paginationView(config, listingRoute, current);
  const numbered = pagination.isPaged ? locale.text("pagination.title", { title, number: current.number, total: current.total }) : title;
  return plan(
    scope,
    key,
    current.route,
    template,
    {
      ...context,
      // Listings that span several days say on each line which day the paper was listed. A week's lines name the
      // authors; a month's and a tag's are titles and days (every paper is in its week too, and a tag lists a paper
      // for each of its tags: three lines a paper, the heaviest of the listings).
      listing: { showDay: true, authors: kind === "week" },
      page: {
        ...page(config, current.route, `${numbered} — ${config.title}`, description),
        ...(pagination.previous ? { prev: pagination.previous } : {}),
        ...(pagination.next ? { next: pagination.next } : {}),
      },
      papers: current.items.map((paper) => scope.view(paper)),
      pagination,
    },
    current.items[0]?.day,
  );
}

function sitePage(scope: PlanScope, key: string, kind: "archive" | "tags" | "search" | "subscribe" | "not-found"): PagePlan {
  const { config, model, locale } = scope;
  const newest = model.days[0]?.date;
  const site = config.title;
  switch (kind) {
    case "archive":
      return plan(
        scope,
        key,
        route.archive(),
        "archive",
        {
          page: page(config, route.archive(), `${locale.text("archive.title")} — ${site}`, locale.text("archive.description", { site })),
          months: model.months.map((m) => archiveMonthView(config, m, locale)),
          total: model.papers.length,
        },
        newest,
      );
    case "tags":
      return plan(
        scope,
        key,
        route.tags(),
        "tags",
        {
          page: page(config, route.tags(), `${locale.text("tags.title")} — ${site}`, locale.text("tags.description", { site })),
          tags: model.tags.map((t) => ({ label: t.name, url: href(config, route.tag(t.name)), count: t.papers.length })),
        },
        newest,
      );
    case "search":
      return plan(scope, key, route.search(), "search", {
        page: {
          ...page(config, route.search(), `${locale.text("search.title")} — ${site}`, locale.text("search.description", { site })),
          isSearch: true,
          scripts: [href(config, route.minisearchScript()), href(config, route.searchScript())],
        },
        // The search script's words: on this page only, so no other page carries them.
        search: { index: href(config, route.searchIndex()), base: config.basePath, strings: locale.subset("searchScript.") },
      });
    case "subscribe":
      return plan(scope, key, route.subscribe(), "subscribe", {
        page: page(config, route.subscribe(), `${locale.text("subscribe.title")} — ${site}`, locale.text("subscribe.lede", { site })),
        ...subscribeView(model, locale),
      });
    case "not-found":
      return plan(scope, key, route.notFound(), "not-found", {
        page: { ...page(config, route.notFound(), `${locale.text("notFound.title")} — ${site}`, locale.text("notFound.description")), noindex: true },
      });
  }
}

/**
 * Planned pages as outputs: fingerprinted, rendered only when written. A template that fails raises a `RenderError` naming it.
 * They come newest first, by the newest day each shows: the pages that share a paper (its own, its day, week,
 * month, tags and newsletters) then render close together, while its summary is still in the compile cache's memory.
 */
export function pageOutputs(plans: readonly PagePlan[], templates: TemplateSet, scope: PlanScope, bodies: BodyStore): PlannedOutput[] {
  const byRecency = [...plans].sort((a, b) => byCodeUnit(b.lastModified ?? "", a.lastModified ?? ""));
  return byRecency.map((plan) => {
    const { print, sources } = scope.fingerprints.of(`${CODE_VERSION}\0${templates.version}\0${plan.template}`, plan.context);
    return {
      path: plan.path,
      key: plan.key,
      fingerprint: print,
      sources: new Set([...sources].map((paper) => paper.path)),
      render: () => renderPage(plan, templates, bodies),
    };
  });
}

async function renderPage(plan: PagePlan, templates: TemplateSet, bodies: BodyStore): Promise<string> {
  const context = plan.complete ? { ...plan.context, ...plan.complete(await bodies.load(plan.bodies ?? [])) } : plan.context;
  try {
    return templates.render(plan.template, context);
  } catch (error) {
    if (error instanceof RenderError) throw error;
    throw new RenderError({
      file: templates.pageFile(plan.template),
      line: Number(/line (\d+)/.exec(String((error as Error).message))?.[1] ?? 0),
      rule: "template/render",
      message: `rendering ${plan.path} failed: ${(error as Error).message.split("\n")[0]}`,
      fix: "check the template and the partials it uses",
    });
  }
}
