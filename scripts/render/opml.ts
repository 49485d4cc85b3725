// Site model → `feeds.opml`: every feed set of the site as one OPML 2.0
// subscription list, which a feed reader imports in one step. The site's feed
// comes first, then one outline per tag, grouped under "Tags" (a folder in the
// readers that have folders).
//
// Each feed set is listed once, by its RSS feed: a reader imports every outline
// it finds, so listing a set's RSS, Atom and JSON Feed would subscribe it to the
// same papers two or three times. RSS is the format every reader takes, and
// OPML's `type="rss"` is what readers expect of any feed in a subscription list.
// No date in the head: the list changes only when the tags do, and a date from
// the newest paper would change the file every day for nothing.
import { escapeHtml } from "../util/html-text.ts";
import { absoluteUrl, route } from "../site/routes.ts";
import type { SiteModel } from "../site/model.ts";
import type { OutputFile } from "../types.ts";
import { feedsFor, xmlSafe, type FeedSpec } from "./feeds.ts";
import type { Locale } from "./locale.ts";

/** Escapes text for an XML attribute value (numeric references, which XML and HTML both read). */
function attribute(text: string): string {
  return escapeHtml(xmlSafe(text));
}

/** Writes the site's OPML subscription list. */
export function renderOpml(model: SiteModel, locale: Locale): OutputFile {
  const { config } = model;
  const [site, ...tags] = feedsFor(model, locale);
  const folder = attribute(locale.text("opml.tags"));
  const outline = (spec: FeedSpec, indent: string) =>
    `${indent}<outline type="rss" text="${attribute(spec.title)}" title="${attribute(spec.title)}" description="${attribute(spec.description)}" xmlUrl="${attribute(absoluteUrl(config, spec.routes.rss))}" htmlUrl="${attribute(absoluteUrl(config, spec.pageRoute))}"/>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    "  <head>",
    `    <title>${attribute(locale.text("opml.title", { site: config.title }))}</title>`,
    `    <ownerName>${attribute(config.author.name)}</ownerName>`,
    ...(config.author.url ? [`    <ownerId>${attribute(config.author.url)}</ownerId>`] : []),
    "    <docs>http://opml.org/spec2.opml</docs>",
    "  </head>",
    "  <body>",
    ...(site ? [outline(site, "    ")] : []),
    ...(tags.length > 0 ? [`    <outline text="${folder}" title="${folder}">`, ...tags.map((tag) => outline(tag, "      ")), "    </outline>"] : []),
    "  </body>",
    "</opml>",
    "",
  ];
  return { path: route.opml(), contents: lines.join("\n") };
}
