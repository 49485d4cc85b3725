// Site model → HTML pages. Planning (which page, which template, which data)
// is separate from rendering, so the build can decide what needs rendering.
import { citationKeys } from "./bibtex.ts";
import { citationView, type CitationView } from "./citation.ts";
import { CODE_VERSION } from "../util/code-version.ts";
import { feedLinks, tagFeedSpec } from "./feeds.ts";
import { lazyFields, type Fingerprints } from "./fingerprint.ts";
import type { BodyStore } from "../content/body-store.ts";
import { addDays, isoWeekStart, monthOf } from "../util/dates.ts";
import { byCodeUnit } from "../util/order.ts";
import { planNewsletters } from "./newsletter.ts";
import { paginate } from "../site/paginate.ts";
import { absoluteUrl, href, outputPath, route } from "../site/routes.ts";
import type { SiteModel } from "../site/model.ts";
import { subscribeView } from "./subscribe.ts";
import type { TemplateSet } from "./templates.ts";
import type { CalendarDate, Paper, PaperBody, SiteConfig } from "../types.ts";
import { RenderError, type PagePlan, type PlannedOutput } from "./outputs.ts";
import { archiveMonthView, dayView, monthCalendar, monthLink, paginationView, papersLabel, paperView, periodPager, weekDays, weekLink, type PaperView } from "./views.ts";

const CITATION_FIELDS: (keyof CitationView)[] = ["key", "bibtex", "highwire", "article", "jsonLd"];

function lazyCitation(config: SiteConfig, paper: Paper, key: string, fingerprints: Fingerprints): CitationView {
  return fingerprints.derive(paper, () => ({
    value: lazyFields(CITATION_FIELDS, () => citationView(config, paper, key)),
    identity: `citation\0${paper.key}\0${key}`,
  }));
}

/** What every page's layout needs: site name, navigation, feeds, assets. */
export function siteContext(config: SiteConfig, fingerprints: Fingerprints) {
  const context = {
    title: config.title,
    description: config.description,
    language: config.language,
    author: config.author,
    repository: config.repository,
    url: config.url,
    nav: {
      home: href(config, route.home()),
      archive: href(config, route.archive()),
      tags: href(config, route.tags()),
      search: href(config, route.search()),
      subscribe: href(config, route.subscribe()),
    },
    feeds: {
      rss: href(config, route.rss()),
      atom: href(config, route.atom()),
      json: href(config, route.jsonFeed()),
    },
    assets: {
      stylesheet: href(config, route.stylesheet()),
      katex: href(config, route.katexStylesheet()),
      script: href(config, route.siteScript()),
      icon: href(config, route.icon()),
    },
  };
  // Identical on every page: serialised once per build for the pages' fingerprints.
  return fingerprints.mark(context, `site\0${JSON.stringify(context)}`);
}

function page(config: SiteConfig, routePath: string, title: string, description: string) {
  // `social` feeds the Open Graph tags of templates/partials/social-meta.hbs; paper pages override it.
  return { title, description, route: routePath, canonical: absoluteUrl(config, routePath), url: href(config, routePath), social: { type: "website", title } };
}

/** Plans every HTML page of the site; `fingerprints` marks what the pages share. */
export function planPages(model: SiteModel, fingerprints: Fingerprints): PagePlan[] {
  const { config } = model;
  const site = siteContext(config, fingerprints);
  const plans: PagePlan[] = [];
  const add = (routePath: string, template: string, context: Record<string, unknown>, lastModified?: CalendarDate, bodies?: readonly Paper[]) =>
    plans.push({
      route: routePath,
      path: outputPath(routePath),
      template,
      context: { site, ...context },
      ...(lastModified ? { lastModified } : {}),
      ...(bodies && bodies.length > 0 ? { bodies, complete: summariesById(bodies) } : {}),
    });
  const newest = model.days[0]?.date;

  const views = new Map<Paper, PaperView>();
  for (const paper of model.papers) views.set(paper, paperView(config, paper, fingerprints));
  const citationKeysOf = citationKeys(model.papers);

  /** A listing of papers, split into pages of `config.pageSize`; page 1 keeps the listing's route. */
  const addListing = (listingRoute: string, template: string, title: string, description: string, papers: readonly Paper[], context: Record<string, unknown>) => {
    for (const current of paginate(listingRoute, papers, config.pageSize)) {
      const pagination = paginationView(config, listingRoute, current);
      const suffix = pagination.isPaged ? `, page ${current.number} of ${current.total}` : "";
      add(current.route, template, {
        ...context,
        // Listings that span several days say on each card which day the paper was listed.
        listing: { showDay: true },
        page: { ...page(config, current.route, `${title}${suffix} — ${config.title}`, description), ...(pagination.previous ? { prev: pagination.previous } : {}), ...(pagination.next ? { next: pagination.next } : {}) },
        papers: current.items.map((p) => views.get(p)!),
        pagination,
      }, current.items[0]?.day, current.items);
    }
  };

  model.days.forEach((day, index) => {
    const older = model.days[index + 1];
    const newer = model.days[index - 1];
    const view = dayView(config, day, older, newer, views);
    const description = `${papersLabel(view.count)} listed on ${view.label}.`;
    add(route.day(day.date), "day", { page: page(config, route.day(day.date), `${view.label} — ${config.title}`, description), day: view }, day.date, day.papers);
    if (index === 0) {
      add(route.home(), "day", { page: page(config, route.home(), config.title, config.description), day: view, isHome: true }, day.date, day.papers);
    }
    day.papers.forEach((paper, position) => {
      const view = views.get(paper)!;
      const before = day.papers[position - 1];
      const after = day.papers[position + 1];
      plans.push({
        route: route.paper(paper.id),
        path: outputPath(route.paper(paper.id)),
        template: "paper",
        lastModified: paper.day,
        bodies: [paper],
        complete: (bodies) => ({ summary: bodies.get(paper)!.html }),
        context: {
        site,
        // Derived from the paper, like its view, so an edit made in place reaches the page's <title> too.
        page: fingerprints.derive(paper, () => ({
          value: { ...page(config, route.paper(paper.id), `${view.titleText} — ${config.title}`, view.description), social: { type: "article", title: view.titleText } },
          identity: `page\0${paper.key}`,
        })),
        paper: view,
        // Derived only when the page is rendered; the paper's cache key and citation key fix its content.
        citation: lazyCitation(config, paper, citationKeysOf.get(paper)!, fingerprints),
        neighbours: {
          any: Boolean(before ?? after),
          ...(before ? { previous: views.get(before) } : {}),
          ...(after ? { next: views.get(after) } : {}),
        },
        },
      });
    });
  });
  if (model.days.length === 0) {
    add(route.home(), "day", { page: page(config, route.home(), config.title, config.description), isHome: true });
  }

  const monthKeys = new Set(model.months.map((m) => m.key));
  model.weeks.forEach((week, index) => {
    const link = weekLink(config, week.key);
    const start = isoWeekStart(week.key);
    const months = [...new Set([monthOf(start), monthOf(addDays(start, 6))])].filter((m) => monthKeys.has(m));
    addListing(route.week(week.key), "week", link.label, `${papersLabel(week.count)} listed ${link.range}.`, week.days.flatMap((d) => d.papers), {
      week: { ...link, count: week.count, dayCount: week.days.length, days: weekDays(config, week), months: months.map((m) => monthLink(config, m)), pager: periodPager(model.weeks, index, (key) => weekLink(config, key)) },
    });
  });
  model.months.forEach((month, index) => {
    const link = monthLink(config, month.key);
    addListing(route.month(month.key), "month", link.label, `${papersLabel(month.count)} listed in ${link.label}.`, month.days.flatMap((d) => d.papers), {
      month: { ...link, count: month.count, dayCount: month.days.length, calendar: monthCalendar(config, month.key, { days: month.days, weeks: model.weeks }), pager: periodPager(model.months, index, (key) => monthLink(config, key)) },
    });
  });

  add(route.archive(), "archive", {
    page: page(config, route.archive(), `Archive — ${config.title}`, `Every day of ${config.title}, by month.`),
    months: model.months.map((m) => archiveMonthView(config, m)),
    total: model.papers.length,
  }, newest);
  add(route.tags(), "tags", {
    page: page(config, route.tags(), `Tags — ${config.title}`, `Papers of ${config.title} by topic.`),
    tags: model.tags.map((t) => ({ label: t.name, url: href(config, route.tag(t.name)), count: t.papers.length })),
  }, newest);
  for (const tag of model.tags) {
    addListing(route.tag(tag.name), "tag", `Papers tagged “${tag.name}”`, `${tag.papers.length} papers tagged ${tag.name}.`, tag.papers, {
      tag: { label: tag.name, count: tag.papers.length, feeds: feedLinks(config, tagFeedSpec(config, tag.name)) },
    });
  }
  add(route.search(), "search", {
    page: { ...page(config, route.search(), `Search — ${config.title}`, `Search the papers of ${config.title} by title, author, summary or tag.`), isSearch: true, scripts: [href(config, route.minisearchScript()), href(config, route.searchScript())] },
    search: { index: href(config, route.searchIndex()), base: config.basePath },
  });
  add(route.subscribe(), "subscribe", {
    page: page(config, route.subscribe(), `Subscribe — ${config.title}`, `Follow ${config.title} in a feed reader or by e-mail.`),
    ...subscribeView(model),
  });
  add(route.notFound(), "not-found", { page: { ...page(config, route.notFound(), `Page not found — ${config.title}`, "This page does not exist."), noindex: true } });
  plans.push(...planNewsletters(model, views, fingerprints));
  return plans;
}

/** What a listing adds at render time: each card's summary, by paper id. */
function summariesById(papers: readonly Paper[]) {
  return (bodies: ReadonlyMap<Paper, PaperBody>) => ({ summaries: Object.fromEntries(papers.map((paper) => [paper.id, bodies.get(paper)!.html])) });
}

/** What rendering pages needs besides the plan: the marks of the plan's shared objects, and where summaries are. */
export interface PageDependencies {
  fingerprints: Fingerprints;
  bodies: BodyStore;
}

/**
 * Planned pages as outputs: fingerprinted, rendered only when written. A template that fails raises a `RenderError` naming it.
 * They come newest first, by the newest day each shows: the pages that share a paper (its own, its day, week,
 * month, tags and newsletters) then render close together, while its summary is still in the compile cache's memory.
 */
export function pageOutputs(plans: readonly PagePlan[], templates: TemplateSet, dependencies: PageDependencies): PlannedOutput[] {
  const { fingerprints } = dependencies;
  const byRecency = [...plans].sort((a, b) => byCodeUnit(b.lastModified ?? "", a.lastModified ?? ""));
  return byRecency.map((plan) => {
    const recipe = `${CODE_VERSION}\0${templates.version}\0${plan.template}`;
    const { print, sources } = fingerprints.tracking ? fingerprints.withSources(recipe, plan.context) : { print: fingerprints.of(recipe, plan.context), sources: undefined };
    return {
      path: plan.path,
      fingerprint: print,
      ...(sources ? { sources } : {}),
      refingerprint: () => fingerprints.of(recipe, plan.context),
      render: () => renderPage(plan, templates, dependencies.bodies),
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
