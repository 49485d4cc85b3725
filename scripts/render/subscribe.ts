// Site model → what the subscribe page shows: every feed with its address, the
// e-mail digests, and the newsletter sign-up form when one is configured.
import { feedLinks, feedsFor } from "./feeds.ts";
import { absoluteUrl, href, route } from "../site/routes.ts";
import type { SiteModel } from "../site/model.ts";
import { NEWSLETTER_DAYS, NEWSLETTER_WEEKS } from "./newsletter.ts";
import { dayLink, weekLink } from "./views.ts";
import type { Locale } from "./locale.ts";

/** The name each format goes by on the page. */
const FORMAT_NAMES = { RSS: "RSS 2.0", Atom: "Atom 1.0", "JSON Feed": "JSON Feed 1.1" } as const;

/** The subscribe page's data, driven by `feedsFor`, so every feed the build writes is listed. */
export function subscribeView(model: SiteModel, locale: Locale) {
  const { config } = model;
  const feeds = feedsFor(model, locale).map((spec, index) => ({
    title: spec.title,
    id: `feeds-${index + 1}`,
    // A feed set may leave a format out (per-tag feeds have no JSON Feed); feedLinks lists only those it has.
    formats: feedLinks(config, spec).map((link) => ({ name: FORMAT_NAMES[link.format], url: link.url, href: link.href })),
  }));
  const latestDay = model.days[0]?.date;
  const latestWeek = model.weeks[0]?.key;
  return {
    feeds,
    emails: {
      any: Boolean(latestDay),
      ...(latestDay ? { day: { ...dayLink(config, latestDay), url: href(config, route.newsletter(latestDay)) } } : {}),
      ...(latestWeek ? { week: { ...weekLink(config, latestWeek, locale), url: href(config, route.newsletter(latestWeek)) } } : {}),
      keptDays: NEWSLETTER_DAYS,
      keptWeeks: NEWSLETTER_WEEKS,
      dayPattern: absoluteUrl(config, route.newsletter("YYYY-MM-DD")),
      weekPattern: absoluteUrl(config, route.newsletter("YYYY-Www")),
    },
    ...(config.newsletter ? { newsletter: config.newsletter } : {}),
  };
}
