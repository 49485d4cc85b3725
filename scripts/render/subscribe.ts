// Site model → what the subscribe page shows: the site's feeds with their
// addresses, the OPML list of every feed, one short row per tag with its feeds,
// the e-mail digests, and the newsletter sign-up form when one is configured.
//
// The page stays short and fits a phone: only the site's feeds and the OPML
// list print their addresses (to copy into a reader); a tag is one row of links
// (a reader subscribes from the link, or from the tag page's autodiscovery),
// so 18 tags are 18 rows, not 36 addresses. Printed addresses carry a break
// opportunity after each `/` (`addressParts`), so a narrow screen wraps them
// between path segments, never inside the host name.
import { listFeeds, type FeedLink } from "./feeds.ts";
import { absoluteUrl, href, route } from "../site/routes.ts";
import type { SiteModel } from "../site/model.ts";
import { NEWSLETTER_DAYS, NEWSLETTER_WEEKS } from "./newsletter.ts";
import { dayLink, weekLink } from "./views.ts";
import type { Locale } from "./locale.ts";

/** The name each format goes by on the page. */
const FORMAT_NAMES = { RSS: "RSS 2.0", Atom: "Atom 1.0", "JSON Feed": "JSON Feed 1.1" } as const;

/**
 * An address cut after each run of slashes (`https://`, `example.org/`,
 * `digest/`, `feed.xml`): the template puts a `<wbr>` between the parts, the
 * only places a long address may wrap.
 */
export function addressParts(url: string): string[] {
  return url.match(/[^/]*\/+|[^/]+$/g) ?? [url];
}

/** An address as the page prints it: its link, its text in parts, and what the copy button copies. */
function address(url: string, link: string) {
  return { url, href: link, parts: addressParts(url) };
}

/** The subscribe page's data, from `listFeeds`, so every feed the build writes is listed. */
export function subscribeView(model: SiteModel, locale: Locale) {
  const { config } = model;
  const links = listFeeds(model, locale);
  const siteLinks = links.filter((link) => link.tag === undefined);
  const byTag = new Map<string, FeedLink[]>();
  for (const link of links) if (link.tag !== undefined) byTag.set(link.tag, [...(byTag.get(link.tag) ?? []), link]);
  const latestDay = model.days[0]?.date;
  const latestWeek = model.weeks[0]?.key;
  return {
    feeds: {
      title: siteLinks[0]?.title ?? config.title,
      // A feed set may leave a format out (tag feeds have no JSON Feed); listFeeds lists only those it has.
      formats: siteLinks.map((link) => ({ name: FORMAT_NAMES[link.format], ...address(link.url, link.href) })),
      opml: address(absoluteUrl(config, route.opml()), href(config, route.opml())),
      tags: [...byTag].map(([tag, tagLinks]) => ({
        label: tag,
        url: href(config, route.tag(tag)),
        formats: tagLinks.map((link) => ({ name: link.format, href: link.href })),
      })),
    },
    emails: {
      any: Boolean(latestDay),
      ...(latestDay ? { day: { ...dayLink(config, latestDay), url: href(config, route.newsletter(latestDay)) } } : {}),
      ...(latestWeek ? { week: { ...weekLink(config, latestWeek, locale), url: href(config, route.newsletter(latestWeek)) } } : {}),
      keptDays: NEWSLETTER_DAYS,
      keptWeeks: NEWSLETTER_WEEKS,
      dayPattern: addressParts(absoluteUrl(config, route.newsletter("YYYY-MM-DD"))),
      weekPattern: addressParts(absoluteUrl(config, route.newsletter("YYYY-Www"))),
    },
    ...(config.newsletter ? { newsletter: config.newsletter } : {}),
  };
}
