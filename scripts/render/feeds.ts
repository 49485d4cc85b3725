// Papers → RSS 2.0, Atom 1.0 and JSON Feed 1.1, written by the `feed` package.
//
// The package leaves gaps that would make feeds wrong or unstable, filled here:
// - it reads the clock when no date is given: every date passed comes from content;
// - it declares JSON Feed 1.0 and writes 1.0's `author`: the JSON is upgraded to 1.1;
// - it passes through characters XML forbids: they are removed from every string;
// - it writes RSS `<author>` from a name, where RSS wants an e-mail address:
//   authors go into `<dc:creator>` instead;
// - it wraps every item title in CDATA and declares Atom titles and summaries as
//   `type="html"`: titles (RSS and Atom) and Atom summaries are written as plain
//   XML text instead (`plainTextElements`), since many readers (those built on
//   rss-parser among them) show a title's text as it stands, so an HTML-escaped
//   `Mixup&#39;s` would reach them as typed; RSS descriptions, which RSS defines
//   as HTML, stay escaped HTML (a summary's plain text still holds the
//   contributor's raw `<script>` as characters);
// - it wraps HTML in CDATA but splits only the first `]]>`: content is made CDATA-safe;
// - it dates items by the given dates only: each paper gets a second of its own
//   (`feedItemTimes`), so readers that sort by date keep the day page's order.
import { Feed, type Item } from "feed";
import { toUtcMs } from "../util/dates.ts";
import { CODE_VERSION } from "../util/code-version.ts";
import { fingerprintData } from "./fingerprint.ts";
import type { BodyStore } from "../content/body-store.ts";
import { escapeHtml, excerpt, plainTitle, toFeedHtml } from "../util/html-text.ts";
import { absoluteUrl, href, route } from "../site/routes.ts";
import type { SiteModel } from "../site/model.ts";
import type { PlannedOutput } from "./outputs.ts";
import type { OutputFile, Paper, PaperBody, SiteConfig } from "../types.ts";
import { localisedLinks } from "./views.ts";
import type { Locale } from "./locale.ts";

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
export function tagFeedSpec(config: SiteConfig, tag: string, locale: Locale): FeedSpec {
  return {
    title: `${config.title}: ${tag}`,
    description: locale.text("feed.tagDescription", { tag, site: config.title }),
    pageRoute: route.tag(tag),
    routes: { rss: route.tagRss(tag), atom: route.tagAtom(tag) },
  };
}

/** Every feed set of the site with the papers it carries: the site-wide one first, then one per tag. */
function feedSets(model: SiteModel, locale: Locale): { key: string; spec: FeedSpec; papers: readonly Paper[]; tag?: string }[] {
  return [
    { key: "feed/site", spec: siteFeedSpec(model.config), papers: model.papers },
    ...model.tags.map((tag) => ({ key: `feed/tag/${tag.name}`, spec: tagFeedSpec(model.config, tag.name, locale), papers: tag.papers, tag: tag.name })),
  ];
}

/** The key of every feed set of the site (`feed/site`, `feed/tag/llm`). */
export function feedKeys(model: SiteModel): string[] {
  return ["feed/site", ...model.tags.map((tag) => `feed/tag/${tag.name}`)];
}

/** The files of the feed set `key` (`feed/site`, `feed/tag/<name>`); none when the site has no such set. */
export function planFeedSet(model: SiteModel, key: string, bodies: BodyStore, locale: Locale): PlannedOutput[] {
  const { config } = model;
  const tag = key.startsWith("feed/tag/") ? model.tags.find((t) => t.name === key.slice("feed/tag/".length)) : undefined;
  if (key !== "feed/site" && !tag) return [];
  const spec = tag ? tagFeedSpec(config, tag.name, locale) : siteFeedSpec(config);
  const latest = (tag ? tag.papers : model.papers).slice(0, tag ? config.tagFeedItems : config.feedItems);
  const times = feedItemTimes(model, latest);
  // An item's time depends on the papers listed beside it that day, which a tag feed may not carry.
  const fingerprint = fingerprintData(`feeds\0${CODE_VERSION}\0${locale.version}`, { config, spec, items: latest.map((p) => [p.key, times.get(p)]) });
  const sources = new Set(latest.map((paper) => paper.path));
  let rendered: Promise<OutputFile[]> | undefined;
  const render = (file: string) => async () => {
    rendered ??= bodies.load(latest).then((loaded) => renderFeeds(config, spec, latest, loaded, locale, times));
    return (await rendered).find((f) => f.path === file)!.contents;
  };
  return [spec.routes.rss, spec.routes.atom, ...(spec.routes.json ? [spec.routes.json] : [])].map((file) => ({
    path: file,
    key,
    fingerprint,
    sources,
    render: render(file),
  }));
}

/**
 * When each paper appears in the feeds: its day at 00:00 UTC, plus one second
 * for every paper the day page lists after it. The day's last paper keeps
 * 00:00:00, its first is the newest, so a reader that sorts newest first shows
 * a day as the day page lists it, and every day above the one before it (a day
 * would need 86,400 papers to reach the next). The time is the paper's in every
 * feed, the tag feeds included; it changes by a second only when a paper is
 * added to or removed from the same day ahead of it, and readers know items by
 * their id, not their date.
 */
export function feedItemTimes(model: SiteModel, papers: readonly Paper[]): Map<Paper, number> {
  const days = new Map(model.days.map((day) => [day.date, day.papers]));
  return new Map(
    papers.map((paper) => {
      const listed = days.get(paper.day) ?? [paper];
      const after = listed.length - 1 - Math.max(0, listed.indexOf(paper));
      return [paper, toUtcMs(paper.day) + after * 1000];
    }),
  );
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
export function feedsFor(model: SiteModel, locale: Locale): FeedSpec[] {
  return feedSets(model, locale).map(({ spec }) => spec);
}

/** Every feed the build writes, site-wide first and then by tag: what a subscribe page lists. */
export function listFeeds(model: SiteModel, locale: Locale): FeedLink[] {
  return feedSets(model, locale).flatMap(({ spec, tag }) => feedLinks(model.config, spec, tag));
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

/**
 * Writes a spec's feeds (RSS, Atom, and JSON Feed when it has a route) for the
 * newest `config.feedItems` of `papers` (already newest first), each dated by
 * `times` (`feedItemTimes`; a paper without one, its day at 00:00 UTC).
 */
export function renderFeeds(
  config: SiteConfig,
  spec: FeedSpec,
  papers: readonly Paper[],
  bodies: ReadonlyMap<Paper, PaperBody>,
  locale: Locale,
  times: ReadonlyMap<Paper, number> = new Map(),
): OutputFile[] {
  const latest = papers.slice(0, config.feedItems);
  const timeOf = (paper: Paper) => new Date(times.get(paper) ?? toUtcMs(paper.day));
  const updated = latest.length > 0 ? timeOf(latest[0]!) : new Date(0);
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
    author: {
      name: xmlSafe(config.author.name),
      ...(config.author.url ? { link: config.author.url } : {}),
      ...(config.author.email ? { email: config.author.email } : {}),
    },
  };

  const rss = new Feed({ ...options, feed: self(spec.routes.rss) });
  const atom = new Feed({ ...options, feed: self(spec.routes.atom) });
  const json = new Feed(options);
  const plain = new Map<string, string>();
  latest.forEach((paper, index) => {
    const item = feedItem(config, paper, bodies.get(paper)!, timeOf(paper), locale);
    const { names } = feedAuthors(paper);
    // The package would put titles and Atom summaries into CDATA as HTML: stand-ins mark where the plain text goes.
    const title = `${PLAIN_MARK}title-${index}`;
    const summary = `${PLAIN_MARK}summary-${index}`;
    plain.set(title, item.title).set(summary, item.description ?? "");
    const xmlItem = { ...item, title, content: cdataSafe(item.content ?? "") };
    rss.addItem({
      ...xmlItem,
      description: escapeHtml(item.description ?? ""),
      extensions: [{ name: "dc:creator", objects: names.map((name) => ({ _text: xmlSafe(name) })) as unknown as Record<string, unknown> }],
    });
    atom.addItem({ ...xmlItem, description: summary, author: names.map((name) => ({ name: xmlSafe(name) })) });
    json.addItem({ ...item, author: names.map((name) => ({ name })) });
  });

  return [
    { path: spec.routes.rss, contents: withNewline(plainTextElements(rss.rss2(), plain)) },
    { path: spec.routes.atom, contents: withNewline(plainTextElements(atom.atom1(), plain)) },
    ...(spec.routes.json ? [{ path: spec.routes.json, contents: upgradeJsonFeed(json.json1(), config, latest, timeOf) }] : []),
  ];
}

/**
 * Starts each stand-in for a plain-text title or summary. Nothing a paper
 * holds can look like one in the package's output: contributed text there is
 * escaped HTML inside CDATA, where a raw `<title` cannot occur.
 */
const PLAIN_MARK = "paperboy-plain-text:";
const STAND_IN = new RegExp(`<(title|summary)(?: type="html")?><!\\[CDATA\\[(${PLAIN_MARK}[a-z]+-\\d+)\\]\\]></\\1>`, "g");

/**
 * Replaces each stand-in element with the text it stands for, escaped for XML
 * and nothing else: an RSS `<title>`, an Atom `<title>` or `<summary>` (whose
 * type is then the default, `text`) reads exactly as typed in every reader.
 */
function plainTextElements(xml: string, plain: ReadonlyMap<string, string>): string {
  return xml.replace(STAND_IN, (_match, name: string, mark: string) => `<${name}>${escapeXml(plain.get(mark)!)}</${name}>`);
}

/** Escapes text for XML element content. */
function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

/** In HTML, `]]&gt;` reads as `]]>`, and it cannot end the CDATA section the package puts HTML in. */
function cdataSafe(html: string): string {
  return html.replaceAll("]]>", "]]&gt;");
}

function feedItem(config: SiteConfig, paper: Paper, body: PaperBody, date: Date, locale: Locale): Item {
  const url = absoluteUrl(config, route.paper(paper.id));
  const links = localisedLinks(locale, paper, config.arxivLinks)
    .map((link) => `<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a>`)
    .join(" · ");
  const { names, more } = feedAuthors(paper);
  const named = names.map(escapeHtml).join(", ");
  const authors = `<p>${more > 0 ? locale.html("authors.andMore", { authors: { toHTML: () => named }, count: more }, escapeHtml) : named}</p>`;
  return {
    title: xmlSafe(plainTitle(paper.title)),
    // The permalink never changes when a paper is edited or the site rebuilt.
    id: url,
    link: url,
    date,
    published: date,
    description: xmlSafe(excerpt(paper.lead, 300)),
    content: xmlSafe(`${authors}\n${toFeedHtml(body.html)}<p>${links}</p>`),
    category: paper.tags.map((tag) => ({ name: tag, term: tag, domain: absoluteUrl(config, route.tag(tag)) })),
  };
}

/** Rewrites the package's JSON Feed 1.0 output as JSON Feed 1.1. */
function upgradeJsonFeed(text: string, config: SiteConfig, papers: readonly Paper[], timeOf: (paper: Paper) => Date): string {
  const feed = JSON.parse(text) as Record<string, unknown> & { items: Record<string, unknown>[]; author?: unknown };
  const items = feed.items.map((item, index) => {
    const { author: _author, date_modified: _modified, ...rest } = item;
    const paper = papers[index]!;
    return {
      ...rest,
      date_published: timeOf(paper).toISOString(),
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
