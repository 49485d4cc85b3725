// Site model → e-mail-ready digests, one per day and one per ISO week, at
// newsletter/2025-10-06.html and newsletter/2025-W41.html. A maintainer pastes
// one into a mail tool or points an RSS-to-email service at the feed.
//
// Mail is not the web: clients strip <head> styles and load no stylesheet, and
// a message has no base address. So the template uses tables and inline
// styles, every URL is absolute, and summaries are plain text (MathML and
// KaTeX do not survive most mail clients; the math stays readable as TeX).
import { formatWeekdayMonthDay } from "./dates.ts";
import { outputPath, absoluteUrl, route } from "./routes.ts";
import type { Day, SiteModel } from "./site.ts";
import type { PagePlan } from "./pages.ts";
import type { Paper, SiteConfig } from "./types.ts";
import { dayLink, paperLinks, weekLink, type PaperView } from "./views.ts";

/** A paper as an e-mail shows it: plain text, absolute links. */
function emailPaper(config: SiteConfig, paper: Paper, view: PaperView) {
  const { shown, rest } = view.authorList;
  return {
    title: view.titleText,
    url: view.absoluteUrl,
    authors: `${shown.join(", ")}${rest.length > 0 ? " et al." : ""}`,
    summary: paper.body.text,
    tags: paper.tags.map((tag) => ({ label: tag, url: absoluteUrl(config, route.tag(tag)) })),
    links: paperLinks(paper),
  };
}

function emailDay(config: SiteConfig, day: Day, views: ReadonlyMap<Paper, PaperView>) {
  return {
    heading: formatWeekdayMonthDay(day.date, config.language),
    url: absoluteUrl(config, route.day(day.date)),
    papers: day.papers.map((paper) => emailPaper(config, paper, views.get(paper)!)),
  };
}

/** Plans the e-mail digest of every day and every week. */
export function planNewsletters(model: SiteModel, views: ReadonlyMap<Paper, PaperView>): PagePlan[] {
  const { config } = model;
  const site = {
    title: config.title,
    language: config.language,
    url: absoluteUrl(config, route.home()),
    subscribe: absoluteUrl(config, route.subscribe()),
  };
  const plan = (key: string, heading: string, lede: string, webRoute: string, days: Day[]): PagePlan => {
    const newsletterRoute = route.newsletter(key);
    return {
      route: newsletterRoute,
      path: outputPath(newsletterRoute),
      template: "newsletter",
      context: {
        site,
        digest: {
          title: `${config.title}: ${heading}`,
          heading,
          lede,
          url: absoluteUrl(config, webRoute),
          // A week's digest is grouped by day; a day's needs no sub-heading.
          grouped: days.length > 1 || webRoute !== route.day(days[0]!.date),
          days: days.map((day) => emailDay(config, day, views)),
        },
      },
      lastModified: days[0]!.date,
    };
  };
  const plural = (count: number) => `${count} ${count === 1 ? "paper" : "papers"}`;
  return [
    ...model.days.map((day) => plan(day.date, dayLink(config, day.date).label, plural(day.papers.length), route.day(day.date), [day])),
    ...model.weeks.map((week) => {
      const link = weekLink(config, week.key);
      return plan(week.key, link.label, `${link.range} · ${plural(week.count)}`, route.week(week.key), week.days);
    }),
  ];
}
