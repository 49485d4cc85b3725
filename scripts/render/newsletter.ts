// Site model → e-mail-ready digests, one per day and one per ISO week, at
// newsletter/2025-10-06.html and newsletter/2025-W41.html. A maintainer pastes
// one into a mail tool or points an RSS-to-email service at the feed.
//
// Mail is not the web: clients strip <head> styles and load no stylesheet, and
// a message has no base address. So the template uses tables and inline
// styles, every URL is absolute, and summaries are plain paragraphs with each
// formula as its TeX between $…$ (MathML and KaTeX's markup do not survive
// most mail clients, and researchers read TeX).
import { formatWeekdayMonthDay } from "../util/dates.ts";
import type { Fingerprints } from "./fingerprint.ts";
import { toFeedHtml } from "../util/html-text.ts";
import type { PagePlan } from "./outputs.ts";
import { absoluteUrl, outputPath, route } from "../site/routes.ts";
import type { Day, SiteModel } from "../site/model.ts";
import type { Paper, PaperBody, SiteConfig } from "../types.ts";
import { dayLink, papersLabel, weekLink, type PaperView } from "./views.ts";

type EmailPaper = ReturnType<typeof makeEmailPaper>;

/** A paper as an e-mail shows it: plain text, absolute links. Its summary is added when the e-mail is rendered. */
function emailPaper(config: SiteConfig, paper: Paper, view: PaperView, fingerprints: Fingerprints) {
  return fingerprints.derive(paper, () => ({ value: makeEmailPaper(config, paper, view), identity: `email\0${paper.key}` }));
}

function makeEmailPaper(config: SiteConfig, paper: Paper, view: PaperView) {
  const { shown, rest } = view.authorList;
  return {
    key: paper.key,
    title: view.titleText,
    url: view.absoluteUrl,
    authors: `${shown.join(", ")}${rest.length > 0 ? " et al." : ""}`,
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
  return feedHtml
    // Line breaks in the HTML are only whitespace; the lines that count are made below.
    .replace(/\s*\n\s*/g, " ")
    .replace(/<math\b([^>]*)>[\s\S]*?<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>[\s\S]*?<\/math>/g, (_match, attributes: string, tex: string) =>
      attributes.includes('display="block"') ? `\n$$${tex}$$\n` : `$${tex}$`)
    .replace(/<li>/g, "• ")
    .replace(/<\/(?:p|li|h[1-6]|tr|pre|blockquote)>|<br\s*\/?>/g, "\n")
    .replace(/<\/t[dh]>/g, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(?:#x([0-9a-f]+)|#(\d+)|(lt|gt|amp|quot|apos));/gi, (_match, hex?: string, decimal?: string, name?: string) =>
      hex ? String.fromCodePoint(parseInt(hex, 16)) : decimal ? String.fromCodePoint(Number(decimal)) : ENTITIES[name!.toLowerCase()]!)
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line !== "");
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
  return (bodies: ReadonlyMap<Paper, PaperBody>) => ({ summaries: Object.fromEntries(papers.map((paper) => [paper.key, mailParagraphs(toFeedHtml(bodies.get(paper)!.html))])) });
}

/** Plans the e-mail digest of every day and every week. */
export function planNewsletters(model: SiteModel, views: ReadonlyMap<Paper, PaperView>, fingerprints: Fingerprints): PagePlan[] {
  const { config } = model;
  const site = {
    title: config.title,
    language: config.language,
    url: absoluteUrl(config, route.home()),
    subscribe: absoluteUrl(config, route.subscribe()),
  };
  // A paper is in its day's digest and its week's: one e-mail view serves both.
  const emails = new Map<Paper, EmailPaper>();
  const emailOf = (paper: Paper): EmailPaper => {
    let email = emails.get(paper);
    if (!email) emails.set(paper, (email = emailPaper(config, paper, views.get(paper)!, fingerprints)));
    return email;
  };
  const plan = (key: string, heading: string, lede: string, webRoute: string, days: Day[], grouped: boolean): PagePlan => {
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
          grouped,
          days: days.map((day) => emailDay(config, day, emailOf)),
        },
      },
      lastModified: days[0]!.date,
      bodies: days.flatMap((day) => day.papers),
      complete: summariesByKey(days.flatMap((day) => day.papers)),
    };
  };
  return [
    ...model.days.map((day) => plan(day.date, dayLink(config, day.date).label, papersLabel(day.papers.length), route.day(day.date), [day], false)),
    ...model.weeks.map((week) => {
      const link = weekLink(config, week.key);
      return plan(week.key, link.label, `${link.range} · ${papersLabel(week.count)}`, route.week(week.key), week.days, true);
    }),
  ];
}
