// Site model → the plain objects templates see. Every URL and label is worked
// out here, so templates hold markup only and a maintainer restyling the site
// never has to know how routes are built.
import { arxivAbsUrl, arxivPdfUrl, formatArxivId } from "./arxiv-id.ts";
import { formatLongDate, formatMonth, formatShortDate } from "./dates.ts";
import { markFingerprinted } from "./fingerprint.ts";
import { plainTitle } from "./markdown.ts";
import { absoluteUrl, href, route } from "./routes.ts";
import type { Day } from "./site.ts";
import type { CalendarDate, LinkKind, Paper, SiteConfig } from "./types.ts";

/** A link with its visible label. */
export interface LinkView {
  label: string;
  url: string;
}

/** A paper as listings and its own page show it. */
export interface PaperView {
  id: string;
  url: string;
  absoluteUrl: string;
  titleHtml: string;
  titleText: string;
  authors: string[];
  venue?: string;
  published?: { date: CalendarDate; label: string };
  day: { date: CalendarDate; label: string; url: string };
  tags: LinkView[];
  links: (LinkView & { kind: string })[];
  bodyHtml: string;
  description: string;
  arxivId?: string;
  doi?: string;
}

const LINK_LABELS: Record<LinkKind, string> = {
  pdf: "PDF",
  code: "Code",
  project: "Project page",
  data: "Data",
  video: "Video",
  demo: "Demo",
};

/** Shortens plain text to about `max` characters at a word boundary. */
export function excerpt(text: string, max = 200): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

/** The links a paper page and listing show, in a fixed order: where to read it first, then extras. */
export function paperLinks(paper: Paper): (LinkView & { kind: string })[] {
  const links: (LinkView & { kind: string })[] = [];
  if (paper.arxiv) links.push({ kind: "arxiv", label: "arXiv", url: arxivAbsUrl(paper.arxiv) });
  const pdf = paper.links.pdf ?? (paper.arxiv ? arxivPdfUrl(paper.arxiv) : undefined);
  if (pdf) links.push({ kind: "pdf", label: LINK_LABELS.pdf, url: pdf });
  if (paper.doi) links.push({ kind: "doi", label: "DOI", url: `https://doi.org/${paper.doi}` });
  if (paper.url) links.push({ kind: "url", label: "Paper", url: paper.url });
  for (const kind of ["code", "project", "data", "video", "demo"] as const) {
    const url = paper.links[kind];
    if (url) links.push({ kind, label: LINK_LABELS[kind], url });
  }
  return links;
}

/** The view of one paper. Its body's HTML is read only when a template uses it. */
export function paperView(config: SiteConfig, paper: Paper): PaperView {
  const paperRoute = route.paper(paper.id);
  const view = {
    id: paper.id,
    url: href(config, paperRoute),
    absoluteUrl: absoluteUrl(config, paperRoute),
    titleHtml: paper.titleHtml,
    titleText: plainTitle(paper.title),
    authors: paper.authors,
    ...(paper.venue ? { venue: paper.venue } : {}),
    ...(paper.published ? { published: { date: paper.published, label: formatLongDate(paper.published, config.language) } } : {}),
    day: dayLink(config, paper.day),
    tags: paper.tags.map((tag) => ({ label: tag, url: href(config, route.tag(tag)) })),
    links: paperLinks(paper),
    description: excerpt(paper.body.text),
    ...(paper.arxiv ? { arxivId: formatArxivId(paper.arxiv) } : {}),
    ...(paper.doi ? { doi: paper.doi } : {}),
  } as PaperView;
  // Loaded only when a template reads it; fingerprints cover it through the paper's key.
  Object.defineProperty(view, "bodyHtml", { get: () => paper.body.html, enumerable: true });
  return markFingerprinted(view, paper.key, ["bodyHtml"]);
}

/** A link to a day's page, labelled with its long date. */
export function dayLink(config: SiteConfig, date: CalendarDate): { date: CalendarDate; label: string; url: string } {
  return { date, label: formatLongDate(date, config.language), url: href(config, route.day(date)) };
}

/** A day as a listing: its papers plus the days before and after it. */
export function dayView(config: SiteConfig, day: Day, older: Day | undefined, newer: Day | undefined, views: Map<Paper, PaperView>) {
  return {
    ...dayLink(config, day.date),
    shortLabel: formatShortDate(day.date, config.language),
    papers: day.papers.map((p) => views.get(p)!),
    count: day.papers.length,
    hasPager: Boolean(older ?? newer),
    ...(older ? { previous: dayLink(config, older.date) } : {}),
    ...(newer ? { next: dayLink(config, newer.date) } : {}),
  };
}

/** A month of the archive: its days with their paper counts. */
export function archiveMonthView(config: SiteConfig, key: string, days: Day[]) {
  return {
    key,
    label: formatMonth(key, config.language),
    count: days.reduce((sum, d) => sum + d.papers.length, 0),
    days: days.map((d) => ({ ...dayLink(config, d.date), count: d.papers.length })),
  };
}
