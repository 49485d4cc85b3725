// The one place that knows the site's URL shapes and its base path. Routes are
// paths relative to the site root (`papers/2510.04567/`); a route ending in `/`
// is written as `index.html` inside that folder.
import type { CalendarDate, SiteConfig } from "./types.ts";

/** Relative routes of every kind of page and file. */
export const route = {
  home: () => "",
  day: (date: CalendarDate) => `days/${date}/`,
  paper: (id: string) => `papers/${id}/`,
  archive: () => "archive/",
  tags: () => "tags/",
  tag: (name: string) => `tags/${name}/`,
  tagRss: (name: string) => `tags/${name}/feed.xml`,
  tagAtom: (name: string) => `tags/${name}/atom.xml`,
  rss: () => "feed.xml",
  atom: () => "atom.xml",
  jsonFeed: () => "feed.json",
  sitemap: () => "sitemap.xml",
  robots: () => "robots.txt",
  notFound: () => "404.html",
  stylesheet: () => "assets/style.css",
  katexStylesheet: () => "assets/katex/katex.min.css",
} as const;

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
