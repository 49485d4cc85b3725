// Site model → the plain objects templates see. Every URL and label is worked
// out here, so templates hold markup only and a maintainer restyling the site
// never has to know how routes are built. Labels come from the site's Locale.
import { formatArxivId } from "../util/arxiv-id.ts";
import { githubProfileUrl, paperLinks, type LinkView } from "../site/links.ts";
import {
  addDays,
  daysInMonth,
  formatDateRange,
  formatLongDate,
  formatMonth,
  formatShortDate,
  formatWeekdayMonthDay,
  formatWeekdayShort,
  isoWeekOf,
  isoWeekStart,
  monthOf,
} from "../util/dates.ts";
import type { Fingerprints } from "./fingerprint.ts";
import { excerpt, plainTitle } from "../util/html-text.ts";
import { pageWindow, type Page } from "../site/paginate.ts";
import { absoluteUrl, href, pageRoute, route } from "../site/routes.ts";
import type { Day, Period, SiteModel } from "../site/model.ts";
import type { CalendarDate, Paper, SiteConfig } from "../types.ts";
import type { Locale } from "./locale.ts";

/** A paper as listings and its own page show it. */
export interface PaperView {
  id: string;
  url: string;
  absoluteUrl: string;
  titleHtml: string;
  titleText: string;
  authors: string[];
  /** The authors as listings show them: long lists shortened, with the rest behind "et al.". */
  authorList: AuthorListView;
  venue?: string;
  published?: { date: CalendarDate; label: string };
  day: { date: CalendarDate; label: string; url: string };
  tags: LinkView[];
  links: (LinkView & { kind: string })[];
  description: string;
  arxivId?: string;
  doi?: string;
  /** Who submitted the paper (`submitted_by`), linked to their GitHub profile. */
  submitter?: { login: string; url: string };
}

/** A long author list, split into the names shown and those behind "et al.". */
export interface AuthorListView {
  shown: string[];
  rest: string[];
}

/** Listings shorten author lists longer than this… */
const AUTHORS_SHORTEN_OVER = 5;
/** …to this many names, then "et al." that expands to the rest. */
const AUTHORS_SHOWN = 3;

/** Splits an author list for listings; a paper page always shows every name. */
export function authorListView(authors: readonly string[]): AuthorListView {
  if (authors.length <= AUTHORS_SHORTEN_OVER) return { shown: [...authors], rest: [] };
  return { shown: authors.slice(0, AUTHORS_SHOWN), rest: authors.slice(AUTHORS_SHOWN) };
}

/** `1 paper`, `16 papers` (`1 Paper`, `16 Papers`), by the language's plural rules. */
export function papersLabel(locale: Locale, count: number): string {
  return locale.text("count.papers", { count });
}

/** A paper's links, labelled in the site's language. */
export function localisedLinks(locale: Locale, paper: Paper, arxivLinks: SiteConfig["arxivLinks"]): (LinkView & { kind: string })[] {
  return paperLinks(paper, arxivLinks).map((link) => (locale.has(`link.${link.kind}`) ? { ...link, label: locale.text(`link.${link.kind}`) } : link));
}

/**
 * The view of one paper, marked in `fingerprints` by the paper's cache key and
 * the setting its links follow (`arxiv_links`), which no page's site context holds.
 */
export function paperView(config: SiteConfig, paper: Paper, fingerprints: Fingerprints, locale: Locale): PaperView {
  return fingerprints.mark(makePaperView(config, paper, locale), `view\0${paper.key}\0${config.arxivLinks.join(" ")}`, paper);
}

function makePaperView(config: SiteConfig, paper: Paper, locale: Locale): PaperView {
  const paperRoute = route.paper(paper.id);
  const profile = paper.submittedBy ? githubProfileUrl(paper.submittedBy) : undefined;
  const submitter = profile ? { login: paper.submittedBy!, url: profile } : undefined;
  const view = {
    id: paper.id,
    url: href(config, paperRoute),
    absoluteUrl: absoluteUrl(config, paperRoute),
    titleHtml: paper.titleHtml,
    titleText: plainTitle(paper.title),
    authors: paper.authors,
    authorList: authorListView(paper.authors),
    ...(paper.venue ? { venue: paper.venue } : {}),
    ...(paper.published ? { published: { date: paper.published, label: formatLongDate(paper.published, config.language) } } : {}),
    day: dayLink(config, paper.day),
    tags: paper.tags.map((tag) => ({ label: tag, url: href(config, route.tag(tag)) })),
    links: localisedLinks(locale, paper, config.arxivLinks),
    // About what a search result shows (Google cuts at about 155 characters), and every page and card repeats it.
    description: excerpt(paper.lead, 160),
    ...(paper.arxiv ? { arxivId: formatArxivId(paper.arxiv) } : {}),
    ...(paper.doi ? { doi: paper.doi } : {}),
    ...(submitter ? { submitter } : {}),
  };
  return view;
}

/** A link to a day's page, labelled with its long date. */
export function dayLink(config: SiteConfig, date: CalendarDate): { date: CalendarDate; label: string; url: string } {
  return { date, label: formatLongDate(date, config.language), url: href(config, route.day(date)) };
}

/** A day as a listing: its papers (as `view` shows them) plus the days before and after it. */
export function dayView(config: SiteConfig, day: Day, older: Day | undefined, newer: Day | undefined, view: (paper: Paper) => PaperView, locale: Locale) {
  return {
    ...dayLink(config, day.date),
    shortLabel: formatShortDate(day.date, config.language),
    papers: day.papers.map(view),
    count: day.papers.length,
    /** The day's papers as BibTeX, and the name a browser saves the file under. */
    bib: { url: href(config, route.dayBib(day.date)), file: `${day.date}.bib` },
    week: weekLink(config, isoWeekOf(day.date), locale),
    month: monthLink(config, monthOf(day.date)),
    hasPager: Boolean(older ?? newer),
    ...(older ? { previous: dayLink(config, older.date) } : {}),
    ...(newer ? { next: dayLink(config, newer.date) } : {}),
  };
}

/** A month of the archive: its days with their paper counts, and links to its page and its weeks. */
export function archiveMonthView(config: SiteConfig, month: Period, locale: Locale) {
  const weeks = [...new Set(month.days.map((d) => isoWeekOf(d.date)))];
  return {
    ...monthLink(config, month.key),
    key: month.key,
    count: month.count,
    weeks: weeks.map((key) => weekLink(config, key, locale)),
    days: month.days.map((d) => ({ ...dayLink(config, d.date), count: d.papers.length })),
  };
}

/** `Week 41, 2025` for `2025-W41`; the year stays a string, never grouped as `2,025`. */
function weekLabel(key: string, locale: Locale): string {
  const [year, week] = key.split("-W") as [string, string];
  return locale.text("week.label", { number: Number(week), year });
}

/** A link to a week's page, with its number and its span of dates. */
export function weekLink(config: SiteConfig, key: string, locale: Locale) {
  const start = isoWeekStart(key);
  return { key, label: weekLabel(key, locale), range: formatDateRange(start, addDays(start, 6), config.language), url: href(config, route.week(key)) };
}

/** A link to a month's page. */
export function monthLink(config: SiteConfig, key: string) {
  return { key, label: formatMonth(key, config.language), url: href(config, route.month(key)) };
}

/** One day in a month's calendar: a link when papers were listed that day. */
export interface CalendarCell {
  date: CalendarDate;
  /** Day of the month. */
  number: number;
  /** `October 6, 2025`, for screen readers. */
  label: string;
  url?: string;
  count?: number;
}

/**
 * A month as a calendar: one row per ISO week, Monday first, each row headed
 * by its week (a link when the week has papers). Days outside the month are
 * `null`, days without papers are plain numbers.
 */
export function monthCalendar(config: SiteConfig, monthKey: string, model: Pick<SiteModel, "days" | "weeks">) {
  // Only the month's own days are looked up, so a caller may pass just those.
  const counts = new Map(model.days.map((d) => [d.date, d.papers.length]));
  const weeksWithPapers = new Set(model.weeks.map((w) => w.key));
  const [year, month] = monthKey.split("-").map(Number) as [number, number];
  const first = `${monthKey}-01`;
  const last = `${monthKey}-${String(daysInMonth(year, month)).padStart(2, "0")}`;
  const rows = [];
  for (let monday = isoWeekStart(isoWeekOf(first)); monday <= last; monday = addDays(monday, 7)) {
    const key = isoWeekOf(monday);
    const cells: (CalendarCell | null)[] = [];
    for (let i = 0; i < 7; i++) {
      const date = addDays(monday, i);
      if (monthOf(date) !== monthKey) {
        cells.push(null);
        continue;
      }
      const count = counts.get(date);
      cells.push({
        date,
        number: Number(date.slice(8)),
        label: formatLongDate(date, config.language),
        ...(count ? { url: href(config, route.day(date)), count } : {}),
      });
    }
    rows.push({ key, number: Number(key.slice(6)), ...(weeksWithPapers.has(key) ? { url: href(config, route.week(key)) } : {}), cells });
  }
  const weekdays = Array.from({ length: 7 }, (_, i) => formatWeekdayShort(addDays("2025-01-06", i), config.language));
  return { weekdays, rows };
}

/** A week's days with papers, Monday first, for its date list. */
export function weekDays(config: SiteConfig, week: Period) {
  return [...week.days]
    .reverse()
    .map((d) => ({ ...dayLink(config, d.date), weekdayLabel: formatWeekdayMonthDay(d.date, config.language), count: d.papers.length }));
}

/** Previous (older) and next (newer) links between periods of one kind. */
export function periodPager<T>(periods: readonly Period[], index: number, link: (key: string) => T) {
  const older = periods[index + 1];
  const newer = periods[index - 1];
  return {
    hasPager: Boolean(older ?? newer),
    ...(older ? { previous: link(older.key) } : {}),
    ...(newer ? { next: link(newer.key) } : {}),
  };
}

/** The page links of a paginated listing: previous, next, and a window of numbers. */
export function paginationView(config: SiteConfig, listingRoute: string, page: Page<unknown>) {
  const url = (n: number) => href(config, pageRoute(listingRoute, n));
  return {
    number: page.number,
    total: page.total,
    isPaged: page.total > 1,
    ...(page.number > 1 ? { previous: url(page.number - 1) } : {}),
    ...(page.number < page.total ? { next: url(page.number + 1) } : {}),
    links: pageWindow(page.number, page.total).map((n) => (n === null ? { gap: true } : { number: n, url: url(n), current: n === page.number })),
  };
}
