// A built site's files → every internal link or asset that does not resolve to
// a file under the base path, as GitHub Pages would serve it: `/digest/x/` is
// `x/index.html`, `/digest/x` is the file `x` or the folder `x/` (which Pages
// redirects to its slash). Links in pages (href, src, srcset, action, poster),
// stylesheets (url()), page metadata (Open Graph, JSON-LD) and the site's own
// absolute URLs anywhere in a feed or the sitemap are followed; other sites'
// links are not.
import path from "node:path";
import { parse, type DefaultTreeAdapterMap } from "parse5";

type Node = DefaultTreeAdapterMap["node"];

/** The attributes that hold a URL a browser follows or loads. */
const URL_ATTRIBUTES = new Set(["href", "src", "action", "poster", "data"]);

/**
 * Every URL an HTML page refers to through its markup: links, stylesheets,
 * scripts, images, forms, and the absolute addresses in `<meta content>` (Open
 * Graph) and JSON-LD blocks that start with `siteUrl`. Addresses shown as text
 * are not links.
 */
export function referencesInHtml(html: string, siteUrl: string): string[] {
  const found: string[] = [];
  const walk = (node: Node) => {
    if ("attrs" in node) {
      for (const attr of node.attrs) {
        if (URL_ATTRIBUTES.has(attr.name)) found.push(attr.value);
        // srcset: comma-separated "url [descriptor]" candidates.
        else if (attr.name === "srcset") for (const candidate of attr.value.split(",")) found.push(candidate.trim().split(/\s+/)[0]!);
        else if (attr.name === "content" && node.nodeName === "meta" && attr.value.startsWith(siteUrl)) found.push(attr.value);
      }
      if (node.nodeName === "script" && node.attrs.some((a) => a.name === "type" && a.value === "application/ld+json")) {
        for (const child of node.childNodes) if ("value" in child) found.push(...ownUrlsIn(child.value.replace(/\\\//g, "/"), siteUrl));
      }
    }
    if ("childNodes" in node) node.childNodes.forEach(walk);
    if ("content" in node && node.content) walk(node.content as unknown as Node);
  };
  walk(parse(html) as unknown as Node);
  return found.filter((ref) => ref !== "");
}

/** Every url(…) in a stylesheet. */
export function referencesInCss(css: string): string[] {
  return [...css.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)].map((m) => m[2]!.trim());
}

/** Every absolute URL in a text that starts with the site's own address (`siteUrl`, ending in `/`), XML's `&amp;` undone. */
export function ownUrlsIn(text: string, siteUrl: string): string[] {
  const escaped = siteUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return [...text.matchAll(new RegExp(`${escaped}[^\\s"'<>\\\\)]*`, "g"))].map((m) => m[0].replace(/&amp;/g, "&"));
}

/** The address a file of the built site is served at (`papers/x/index.html` → `<site>papers/x/`). */
export function addressOf(file: string, siteUrl: string): URL {
  return new URL(file === "index.html" || file.endsWith("/index.html") ? file.slice(0, -"index.html".length) : file, siteUrl);
}

/** A link in one file that does not resolve. */
export interface BrokenLink {
  /** The path it points to, below the site's origin (`/digest/papers/x/`). */
  target: string;
  /** Why it does not resolve. */
  problem: "missing" | "outside the base path";
}

/**
 * The links in one built file (a page, stylesheet, feed or sitemap, at `file`
 * below the output folder) that do not resolve to a file in `existing` (every
 * file's path below the output folder). Links elsewhere on the web are not followed.
 */
export function brokenLinksIn(file: string, text: string, existing: ReadonlySet<string>, siteUrl: string): BrokenLink[] {
  const site = new URL(siteUrl);
  const resolves = (pathname: string): boolean => {
    const below = pathname.slice(site.pathname.length);
    if (below === "" || below.endsWith("/")) return existing.has(`${below}index.html`);
    return existing.has(below) || existing.has(`${below}/index.html`);
  };
  const ext = path.posix.extname(file);
  const refs = ext === ".html" ? referencesInHtml(text, siteUrl) : ext === ".css" ? referencesInCss(text) : ownUrlsIn(text, siteUrl);
  const base = addressOf(file, siteUrl);
  const broken = new Map<string, BrokenLink>();
  for (const ref of refs) {
    let url: URL;
    try {
      url = new URL(ref, base);
    } catch {
      continue; // not a URL at all; html-validate reports malformed attributes
    }
    if (url.origin !== site.origin || !/^https?:$/.test(url.protocol)) continue;
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = url.pathname;
    }
    // An absolute address on the same host but outside the base path is another site there (the owner's home page, say).
    const absolute = /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(ref.trim());
    if (absolute && !pathname.startsWith(site.pathname)) continue;
    const problem = !pathname.startsWith(site.pathname) ? "outside the base path" : resolves(pathname) ? undefined : "missing";
    if (problem && !broken.has(pathname)) broken.set(pathname, { target: pathname, problem });
  }
  return [...broken.values()];
}
