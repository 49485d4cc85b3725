// The Eleventy peer site of `npm run bench -- --compare`: Eleventy's defaults,
// plus what Paperboy's pages need. peers.ts runs it with --input=site from a
// work folder that holds the Paperboy papers as they are.
import markdownItKatexModule from "@vscode/markdown-it-katex";
import katex from "katex";

// A CommonJS module compiled from TypeScript: its function is the `default` export.
const markdownItKatex = markdownItKatexModule.default;

const longDate = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });
const monthName = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });

/** The same order as Paperboy's listings: newest day first, then file name (UTF-16 code units). */
function comparePapers(a, b) {
  return a.data.day < b.data.day ? 1 : a.data.day > b.data.day ? -1 : a.data.slug < b.data.slug ? -1 : a.data.slug > b.data.slug ? 1 : 0;
}

/** Shortens plain text to about `max` characters at a word boundary (Paperboy's `excerpt`). */
function excerpt(html, max = 200) {
  const text = String(html)
    .replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

/** @param {import("@11ty/eleventy").UserConfig} eleventyConfig */
export default function (eleventyConfig) {
  // Paperboy's Markdown: GitHub-flavoured (markdown-it has tables and
  // strikethrough; autolinks need linkify), raw HTML shown as text, math by
  // KaTeX at build time, using the same KaTeX package as Paperboy.
  eleventyConfig.amendLibrary("md", (md) => {
    md.set({ html: false, linkify: true });
    md.use(markdownItKatex, { katex, throwOnError: false });
  });

  let model;
  /** Papers in listing order, then days, months, tags and tag pages, computed in one pass per build. */
  function siteModel(api) {
    if (model?.api === api) return model;
    const papers = api
      .getAll()
      .filter((item) => item.data.paper === true && item.data.draft !== true)
      .sort(comparePapers);
    const size = papers[0]?.data.site.tagPageSize ?? 25;
    const days = [];
    const byTag = new Map();
    const neighbours = new Map();
    for (const paper of papers) {
      const last = days[days.length - 1];
      if (last?.date === paper.data.day) last.papers.push(paper);
      else days.push({ date: paper.data.day, papers: [paper] });
      for (const tag of paper.data.tags ?? []) {
        if (!byTag.has(tag)) byTag.set(tag, []);
        byTag.get(tag).push(paper);
      }
    }
    days.forEach((day, i) => {
      day.newer = days[i - 1];
      day.older = days[i + 1];
      day.papers.forEach((paper, j) => {
        neighbours.set(paper.inputPath, { previous: day.papers[j - 1], next: day.papers[j + 1] });
      });
    });
    const tags = [...byTag.keys()].sort().map((name) => ({ name, papers: byTag.get(name) }));
    const tagPages = [];
    for (const tag of tags) {
      const total = Math.ceil(tag.papers.length / size);
      const pageUrl = (n) => (n === 1 ? `tags/${tag.name}/` : `tags/${tag.name}/page/${n}/`);
      for (let n = 1; n <= total; n++) {
        tagPages.push({
          tag,
          number: n,
          total,
          url: pageUrl(n),
          papers: tag.papers.slice((n - 1) * size, n * size),
          ...(n > 1 ? { previousUrl: pageUrl(n - 1) } : {}),
          ...(n < total ? { nextUrl: pageUrl(n + 1) } : {}),
        });
      }
    }
    const months = [];
    for (const day of days) {
      const key = day.date.slice(0, 7);
      const last = months[months.length - 1];
      if (last?.key === key) {
        last.days.push(day);
        last.count += day.papers.length;
      } else months.push({ key, days: [day], count: day.papers.length });
    }
    model = { api, papers, days, tagList: tags, tagPages, months, neighbours };
    return model;
  }

  for (const name of ["papers", "days", "months", "tagList", "tagPages"]) {
    eleventyConfig.addCollection(name, (api) => siteModel(api)[name]);
  }
  eleventyConfig.addFilter("neighbours", (inputPath) => model.neighbours.get(inputPath) ?? {});
  eleventyConfig.addFilter("longDate", (day) => longDate.format(Date.parse(day)));
  eleventyConfig.addFilter("monthLabel", (key) => monthName.format(Date.parse(`${key}-01`)));
  eleventyConfig.addFilter("rfc822", (day) => new Date(Date.parse(day)).toUTCString());
  eleventyConfig.addFilter("excerpt", (html, max) => excerpt(html, max));
  eleventyConfig.addFilter("plural", (count, one, many) => `${count} ${count === 1 ? one : many}`);
  eleventyConfig.addFilter("jsonFeed", (papers, site) =>
    JSON.stringify(
      {
        version: "https://jsonfeed.org/version/1.1",
        title: site.title,
        home_page_url: site.url,
        feed_url: `${site.url}feed.json`,
        description: site.description,
        language: site.language,
        items: papers.map((item) => ({
          id: site.url + item.data.route,
          url: site.url + item.data.route,
          title: item.data.title,
          content_html: item.content,
          summary: excerpt(item.content),
          date_published: `${item.data.day}T00:00:00Z`,
          authors: item.data.authors.map((name) => ({ name })),
          tags: item.data.tags ?? [],
        })),
      },
      null,
      2,
    ),
  );

  // The stylesheet, KaTeX's stylesheet and fonts, and .nojekyll, as Paperboy writes them.
  eleventyConfig.addPassthroughCopy({ "site/static": "." });

  return {
    // Paperboy never runs a template language over a summary (and math such
    // as {{x}} would break Liquid), so Markdown is Markdown only.
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
    templateFormats: ["md", "njk"],
  };
}
