// Site model → e-mail-ready digests, one per day and one per ISO week, at
// newsletter/2025-10-06.html and newsletter/2025-W41.html. A maintainer pastes
// one into a mail tool or points an RSS-to-email service at the feed. A digest
// is for sending now: the site keeps those of the newest NEWSLETTER_DAYS days
// and NEWSLETTER_WEEKS weeks, so their weight does not grow with the archive
// (every summary again, twice, was an eighth of the site).
//
// Mail is not the web: clients strip <head> styles and load no stylesheet, and
// a message has no base address. So the template uses tables and inline
// styles, every URL is absolute, and summaries are plain paragraphs with each
// formula as its TeX between $…$ (MathML and KaTeX's markup do not survive
// most mail clients, and researchers read TeX).
import { formatWeekdayMonthDay } from "../util/dates.ts";
import type { PlanScope } from "./plan-scope.ts";
import type { PagePlan } from "./outputs.ts";
import { absoluteUrl, outputPath, route } from "../site/routes.ts";
import type { Day, SiteModel } from "../site/model.ts";
import type { Paper, PaperBody, SiteConfig } from "../types.ts";
import { dayLink, papersLabel, weekLink, type PaperView } from "./views.ts";
import type { Locale } from "./locale.ts";

type EmailPaper = ReturnType<typeof makeEmailPaper>;

/** How many of the newest days, and of the newest weeks, keep their e-mail digest. */
export const NEWSLETTER_DAYS = 14;
export const NEWSLETTER_WEEKS = 8;

/** A paper as an e-mail shows it: plain text, absolute links. Its summary is added when the e-mail is rendered. */
function emailPaper(scope: PlanScope, paper: Paper) {
  return scope.fingerprints.mark(makeEmailPaper(scope.config, paper, scope.view(paper), scope.locale), `email\0${paper.key}`, paper);
}

function makeEmailPaper(config: SiteConfig, paper: Paper, view: PaperView, locale: Locale) {
  const { shown, rest } = view.authorList;
  return {
    key: paper.key,
    title: view.titleText,
    url: view.absoluteUrl,
    authors: `${shown.join(", ")}${rest.length > 0 ? ` ${locale.text("authors.etAl")}` : ""}`,
    tags: paper.tags.map((tag) => ({ label: tag, url: absoluteUrl(config, route.tag(tag)) })),
    links: view.links,
  };
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/**
 * A rendered summary as plain paragraphs for mail: a formula becomes its TeX
 * source between `$…$` (display math `$$…$$`, on a line of its own), a list
 * item a "• " line, and other markup is dropped. It reads the feed HTML,
 * whose formulas are MathML that carries its TeX.
 */
export function mailParagraphs(feedHtml: string): string[] {
  return (
    feedHtml
      // Line breaks in the HTML are only whitespace; the lines that count are made below.
      .replace(/\s*\n\s*/g, " ")
      .replace(
        /<math\b([^>]*)>[\s\S]*?<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>[\s\S]*?<\/math>/g,
        (_match, attributes: string, tex: string) => (attributes.includes('display="block"') ? `\n$$${tex}$$\n` : `$${tex}$`),
      )
      .replace(/<li>/g, "• ")
      .replace(/<\/(?:p|li|h[1-6]|tr|pre|blockquote)>|<br\s*\/?>/g, "\n")
      .replace(/<\/t[dh]>/g, " ")
      .replace(/<[^>]*>/g, "")
      .replace(/&(?:#x([0-9a-f]+)|#(\d+)|(lt|gt|amp|quot|apos));/gi, (_match, hex?: string, decimal?: string, name?: string) =>
        hex ? String.fromCodePoint(parseInt(hex, 16)) : decimal ? String.fromCodePoint(Number(decimal)) : ENTITIES[name!.toLowerCase()]!,
      )
      .split("\n")
      .map((line) => line.replace(/\s+/g, " ").trim())
      .filter((line) => line !== "")
  );
}

function emailDay(config: SiteConfig, day: Day, emailOf: (paper: Paper) => EmailPaper) {
  return {
    heading: formatWeekdayMonthDay(day.date, config.language),
    url: absoluteUrl(config, route.day(day.date)),
    papers: day.papers.map(emailOf),
  };
}

/** Each paper's summary as mail paragraphs, by the paper's cache key: what an e-mail adds at render time. */
function summariesByKey(papers: readonly Paper[]) {
  return (bodies: ReadonlyMap<Paper, PaperBody>) => ({
    summaries: Object.fromEntries(papers.map((paper) => [paper.key, mailParagraphs(bodies.get(paper)!.html)])),
  });
}

/** The keys of the digests the site keeps: the newest days' and weeks'. */
export function newsletterKeys(model: SiteModel): string[] {
  return [
    ...model.days.slice(0, NEWSLETTER_DAYS).map((day) => `newsletter/${day.date}`),
    ...model.weeks.slice(0, NEWSLETTER_WEEKS).map((week) => `newsletter/${week.key}`),
  ];
}

/** Plans the e-mail digest `newsletter/<day or week>`; undefined when the site keeps no such digest. */
export function planNewsletter(scope: PlanScope, key: string, period: string): PagePlan | undefined {
  const { config } = scope;
  const isWeek = period.includes("-W");
  const found = isWeek ? scope.week(period) : scope.day(period);
  if (!found || found.index >= (isWeek ? NEWSLETTER_WEEKS : NEWSLETTER_DAYS)) return undefined;
  const days = isWeek ? (found.item as { days: Day[] }).days : [found.item as Day];
  const papers = days.flatMap((day) => day.papers);
  let heading: string;
  let lede: string;
  let webRoute: string;
  if (isWeek) {
    const link = weekLink(config, period, scope.locale);
    heading = link.label;
    lede = `${link.range} · ${papersLabel(scope.locale, papers.length)}`;
    webRoute = route.week(period);
  } else {
    heading = dayLink(config, period).label;
    lede = papersLabel(scope.locale, papers.length);
    // The latest day is on the home page, which the day's own address leads to.
    webRoute = found.index === 0 ? route.home() : route.day(period);
  }
  const site = { title: config.title, language: config.language, url: absoluteUrl(config, route.home()), subscribe: absoluteUrl(config, route.subscribe()) };
  const newsletterRoute = route.newsletter(period);
  return {
    key,
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
        grouped: isWeek,
        days: days.map((day) => emailDay(config, day, (paper) => emailPaper(scope, paper))),
      },
    },
    lastModified: days[0]!.date,
    bodies: papers,
    complete: summariesByKey(papers),
  };
}
