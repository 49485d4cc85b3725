// The one place that knows the site's URL shapes and its base path. Routes are
// paths relative to the site root (`papers/2510.04567/`); a route ending in `/`
// is written as `index.html` inside that folder.
import type { CalendarDate, SiteConfig } from "../types.ts";

/** Relative routes of every kind of page and file. */
export const route = {
  home: () => "",
  day: (date: CalendarDate) => `days/${date}/`,
  /** An ISO week, `weeks/2025-W41/`. */
  week: (key: string) => `weeks/${key}/`,
  /** A month, `months/2025-10/`. */
  month: (key: string) => `months/${key}/`,
  /** The BibTeX entries of a day's papers, beside its page. */
  dayBib: (date: CalendarDate) => `days/${date}/papers.bib`,
  paper: (id: string) => `papers/${id}/`,
  archive: () => "archive/",
  tags: () => "tags/",
  tag: (name: string) => `tags/${name}/`,
  tagRss: (name: string) => `tags/${name}/feed.xml`,
  tagAtom: (name: string) => `tags/${name}/atom.xml`,
  /** The BibTeX entries of every paper of a tag, beside its page. */
  tagBib: (name: string) => `tags/${name}/papers.bib`,
  search: () => "search/",
  subscribe: () => "subscribe/",
  /** The email-ready digest of a day (`2025-10-06`) or an ISO week (`2025-W41`). */
  newsletter: (key: string) => `newsletter/${key}.html`,
  rss: () => "feed.xml",
  atom: () => "atom.xml",
  jsonFeed: () => "feed.json",
  /** Every feed of the site as one OPML subscription list. */
  opml: () => "feeds.opml",
  sitemap: () => "sitemap.xml",
  robots: () => "robots.txt",
  notFound: () => "404.html",
  stylesheet: () => "assets/style.css",
  mathFont: () => "assets/fonts/stix-two-math.woff2",
  icon: () => "assets/favicon.svg",
  siteScript: () => "assets/site.js",
  searchScript: () => "assets/search.js",
  searchIndex: () => "assets/search/index.json",
  /** One month's shard of the search index (`2025-10`). */
  searchShard: (month: string) => `assets/search/${month}.json`,
  minisearchScript: () => "assets/minisearch/minisearch.js",
} as const;

/**
 * Page `n` of a paginated listing: page 1 is the listing's own route, later
 * pages live below it (`tags/llm/page/2/`).
 */
export function pageRoute(listingRoute: string, n: number): string {
  return n <= 1 ? listingRoute : `${listingRoute}page/${n}/`;
}

/** A link that works from any page under the base path (`/digest/papers/…/`). */
export function href(config: SiteConfig, routePath: string): string {
  return config.basePath + routePath;
}

/** An absolute URL, for feeds, canonical links and the sitemap. */
export function absoluteUrl(config: SiteConfig, routePath: string): string {
  return config.url + routePath;
}

/**
 * The file a route is written to, relative to the output folder. Refuses any
 * route that could leave it: ids and tags are validated upstream, and this is
 * the last line of defence.
 */
export function outputPath(routePath: string): string {
  const file = routePath === "" || routePath.endsWith("/") ? `${routePath}index.html` : routePath;
  const segments = file.split("/");
  if (file.startsWith("/") || segments.some((s) => s === "" || s === "." || s === ".." || s.includes("\\") || s.includes("\0"))) {
    throw new Error(`internal error: route "${routePath}" would leave the output folder, please report`);
  }
  return file;
}
