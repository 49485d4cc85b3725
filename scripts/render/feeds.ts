// Papers → RSS 2.0, Atom 1.0 and JSON Feed 1.1, written by the `feed` package.
//
// The package leaves gaps that would make feeds wrong or unstable, filled here:
// - it reads the clock when no date is given: every date passed comes from content;
// - it declares JSON Feed 1.0 and writes 1.0's `author`: the JSON is upgraded to 1.1;
// - it passes through characters XML forbids: they are removed from every string;
// - it writes RSS `<author>` from a name, where RSS wants an e-mail address:
//   authors go into `<dc:creator>` instead;
// - it declares Atom titles and summaries as `type="html"`, and RSS readers read
//   titles and descriptions as HTML: both are escaped to match (a summary's plain
//   text still holds the contributor's raw `<script>` as characters);
// - it wraps HTML in CDATA but splits only the first `]]>`: content is made CDATA-safe.
import { Feed, type Item } from "feed";
import { toUtcMs } from "../util/dates.ts";
import { CODE_VERSION } from "../util/code-version.ts";
import { fingerprintData } from "./fingerprint.ts";
import type { BodyStore } from "../content/body-store.ts";
import { escapeHtml, plainTitle } from "../util/html-text.ts";
import { absoluteUrl, href, route } from "../site/routes.ts";
import type { SiteModel } from "../site/model.ts";
import type { PlannedOutput } from "./outputs.ts";
import type { OutputFile, Paper, PaperBody, SiteConfig } from "../types.ts";
import { paperLinks } from "../site/links.ts";
import { excerpt } from "./views.ts";

/** Everything XML 1.0 cannot carry, even escaped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters that XML forbids; content validation already refuses them, this is the last guard. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, "");
}

/** Which feed set to write: the site-wide one, or one for a tag. */
export interface FeedSpec {
  title: string;
  description: string;
  /** Route of the page the feed belongs to (`""` for home, `tags/llm/`). */
  pageRoute: string;
  /** Where each format goes; without `json`, no JSON Feed is written. */
  routes: { rss: string; atom: string; json?: string };
}

/** The site-wide feeds. */
export function siteFeedSpec(config: SiteConfig): FeedSpec {
  return {
    title: config.title,
    description: config.description,
    pageRoute: route.home(),
    routes: { rss: route.rss(), atom: route.atom(), json: route.jsonFeed() },
  };
}

/**
 * The feeds of one tag, beside its page: RSS and Atom (`tags/llm/feed.xml`,
 * `tags/llm/atom.xml`). No JSON Feed: every reader takes RSS or Atom, and a
 * third copy of every tag's papers would add about 40% to the tag feeds.
 */
export function tagFeedSpec(config: SiteConfig, tag: string): FeedSpec {
  return {
    title: `${config.title}: ${tag}`,
    description: `Papers tagged ${tag} in ${config.title}, newest first.`,
    pageRoute: route.tag(tag),
    routes: { rss: route.tagRss(tag), atom: route.tagAtom(tag) },
  };
}

/** Every feed set of the site with the papers it carries: the site-wide one first, then one per tag. */
function feedSets(model: SiteModel): { key: string; spec: FeedSpec; papers: readonly Paper[]; tag?: string }[] {
  return [
    { key: "feed/site", spec: siteFeedSpec(model.config), papers: model.papers },
    ...model.tags.map((tag) => ({ key: `feed/tag/${tag.name}`, spec: tagFeedSpec(model.config, tag.name), papers: tag.papers, tag: tag.name })),
  ];
}

/** The key of every feed set of the site (`feed/site`, `feed/tag/llm`). */
export function feedKeys(model: SiteModel): string[] {
  return feedSets(model).map((set) => set.key);
}

/** The files of the feed set `key` (`feed/site`, `feed/tag/<name>`); none when the site has no such set. */
export function planFeedSet(model: SiteModel, key: string, bodies: BodyStore): PlannedOutput[] {
  const { config } = model;
  const tag = key.startsWith("feed/tag/") ? model.tags.find((t) => t.name === key.slice("feed/tag/".length)) : undefined;
  if (key !== "feed/site" && !tag) return [];
  const spec = tag ? tagFeedSpec(config, tag.name) : siteFeedSpec(config);
  const latest = (tag ? tag.papers : model.papers).slice(0, tag ? config.tagFeedItems : config.feedItems);
  const fingerprint = fingerprintData(`feeds\0${CODE_VERSION}`, { config, spec, items: latest.map((p) => p.key) });
  const sources = new Set(latest.map((paper) => paper.path));
  let rendered: Promise<OutputFile[]> | undefined;
  const render = (file: string) => async () => {
    rendered ??= bodies.load(latest).then((loaded) => renderFeeds(config, spec, latest, loaded));
    return (await rendered).find((f) => f.path === file)!.contents;
  };
  return [spec.routes.rss, spec.routes.atom, ...(spec.routes.json ? [spec.routes.json] : [])].map((file) => ({ path: file, key, fingerprint, sources, render: render(file) }));
}

/** One feed as pages link to it. */
export interface FeedLink {
  /** The feed's own title (`Paperboy Daily Papers: llm`). */
  title: string;
  format: "RSS" | "Atom" | "JSON Feed";
  /** Media type, for `<link rel="alternate" type>`. */
  type: string;
  /** Absolute URL, to copy into a feed reader. */
  url: string;
  /** Link under the base path, for pages. */
  href: string;
  /** The tag the feed follows; absent for the site-wide feeds. */
  tag?: string;
}

/** The feeds of one feed set, as links. */
export function feedLinks(config: SiteConfig, spec: FeedSpec, tag?: string): FeedLink[] {
  const link = (format: FeedLink["format"], type: string, routePath: string): FeedLink => ({
    title: spec.title,
    format,
    type,
    url: absoluteUrl(config, routePath),
    href: href(config, routePath),
    ...(tag ? { tag } : {}),
  });
  return [
    link("RSS", "application/rss+xml", spec.routes.rss),
    link("Atom", "application/atom+xml", spec.routes.atom),
    ...(spec.routes.json ? [link("JSON Feed", "application/feed+json", spec.routes.json)] : []),
  ];
}

/** Every feed set the site publishes, site-wide first; the subscribe page lists exactly these. */
export function feedsFor(model: SiteModel): FeedSpec[] {
  return feedSets(model).map(({ spec }) => spec);
}

/** Every feed the build writes, site-wide first and then by tag: what a subscribe page lists. */
export function listFeeds(model: SiteModel): FeedLink[] {
  return feedSets(model).flatMap(({ spec, tag }) => feedLinks(model.config, spec, tag));
}

/**
 * Most authors a feed item names. Feed readers show a byline, and every feed that
 * lists a paper repeats its item (the site's three and two for each of up to 12
 * tags), so a 5,000-author collaboration would put its whole list into each of
 * them; its page names everyone.
 */
export const MAX_FEED_AUTHORS = 50;

/** The authors a feed item names, and how many it leaves out. */
function feedAuthors(paper: Paper): { names: string[]; more: number } {
  return { names: paper.authors.slice(0, MAX_FEED_AUTHORS), more: Math.max(0, paper.authors.length - MAX_FEED_AUTHORS) };
}

const GENERATOR = "Paperboy (https://github.com/paperboy-digest/paperboy)";

/** Writes a spec's feeds (RSS, Atom, and JSON Feed when it has a route) for the newest `config.feedItems` of `papers` (already newest first). */
export function renderFeeds(config: SiteConfig, spec: FeedSpec, papers: readonly Paper[], bodies: ReadonlyMap<Paper, PaperBody>): OutputFile[] {
  const latest = papers.slice(0, config.feedItems);
  const updated = new Date(latest.length > 0 ? toUtcMs(latest[0]!.day) : 0);
  const self = (r: string) => absoluteUrl(config, r);
  const options = {
    id: self(spec.pageRoute),
    link: self(spec.pageRoute),
    title: xmlSafe(spec.title),
    description: xmlSafe(spec.description),
    language: config.language,
    updated,
    generator: GENERATOR,
    feedLinks: { rss: self(spec.routes.rss), atom: self(spec.routes.atom), ...(spec.routes.json ? { json: self(spec.routes.json) } : {}) },
    author: { name: xmlSafe(config.author.name), ...(config.author.url ? { link: config.author.url } : {}), ...(config.author.email ? { email: config.author.email } : {}) },
  };

  const rss = new Feed({ ...options, feed: self(spec.routes.rss) });
  const atom = new Feed({ ...options, feed: self(spec.routes.atom) });
  const json = new Feed(options);
  for (const paper of latest) {
    const item = feedItem(config, paper, bodies.get(paper)!);
    const { names } = feedAuthors(paper);
    const htmlItem = { ...item, title: escapeHtml(item.title), description: escapeHtml(item.description ?? ""), content: cdataSafe(item.content ?? "") };
    rss.addItem({
      ...htmlItem,
      extensions: [{ name: "dc:creator", objects: names.map((name) => ({ _text: xmlSafe(name) })) as unknown as Record<string, unknown> }],
    });
    atom.addItem({ ...htmlItem, author: names.map((name) => ({ name: xmlSafe(name) })) });
    json.addItem({ ...item, author: names.map((name) => ({ name })) });
  }

  return [
    { path: spec.routes.rss, contents: withNewline(rss.rss2()) },
    { path: spec.routes.atom, contents: withNewline(atom.atom1()) },
    ...(spec.routes.json ? [{ path: spec.routes.json, contents: upgradeJsonFeed(json.json1(), config, latest) }] : []),
  ];
}

/** In HTML, `]]&gt;` reads as `]]>`, and it cannot end the CDATA section the package puts HTML in. */
function cdataSafe(html: string): string {
  return html.replaceAll("]]>", "]]&gt;");
}

function feedItem(config: SiteConfig, paper: Paper, body: PaperBody): Item {
  const url = absoluteUrl(config, route.paper(paper.id));
  const links = paperLinks(paper, config.arxivLinks)
    .map((link) => `<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a>`)
    .join(" · ");
  const { names, more } = feedAuthors(paper);
  const authors = `<p>${names.map(escapeHtml).join(", ")}${more > 0 ? ` and ${more} more` : ""}</p>`;
  const date = new Date(toUtcMs(paper.day));
  return {
    title: xmlSafe(plainTitle(paper.title)),
    // The permalink never changes when a paper is edited or the site rebuilt.
    id: url,
    link: url,
    date,
    published: date,
    description: xmlSafe(excerpt(paper.lead, 300)),
    content: xmlSafe(`${authors}\n${body.html}<p>${links}</p>`),
    category: paper.tags.map((tag) => ({ name: tag, term: tag, domain: absoluteUrl(config, route.tag(tag)) })),
  };
}

/** Rewrites the package's JSON Feed 1.0 output as JSON Feed 1.1. */
function upgradeJsonFeed(text: string, config: SiteConfig, papers: readonly Paper[]): string {
  const feed = JSON.parse(text) as Record<string, unknown> & { items: Record<string, unknown>[]; author?: unknown };
  const items = feed.items.map((item, index) => {
    const { author: _author, date_modified: _modified, ...rest } = item;
    const paper = papers[index]!;
    return {
      ...rest,
      date_published: new Date(toUtcMs(paper.day)).toISOString(),
      authors: feedAuthors(paper).names.map((name) => ({ name })),
      ...(paper.tags.length > 0 ? { tags: paper.tags } : {}),
    };
  });
  const { author, items: _items, version: _version, ...rest } = feed;
  const upgraded = {
    version: "https://jsonfeed.org/version/1.1",
    ...rest,
    language: config.language,
    ...(author ? { authors: [author] } : {}),
    items,
  };
  return `${JSON.stringify(upgraded, null, 2)}\n`;
}

function withNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
