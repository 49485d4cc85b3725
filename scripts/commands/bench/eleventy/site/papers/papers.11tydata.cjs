// Every Paperboy paper file, read as it is: its day and slug come from its path,
// and its page goes to papers/<versionless arXiv id, else slug>/ as in Paperboy.
const path = require("node:path");

module.exports = {
  layout: "paper.njk",
  paper: true,
  eleventyComputed: {
    day: (data) => path.basename(path.dirname(data.page.inputPath)),
    slug: (data) => data.page.fileSlug,
    // YAML reads an unquoted date as a Date; Paperboy keeps the calendar date.
    publishedDay: (data) => (data.published instanceof Date ? data.published.toISOString().slice(0, 10) : data.published),
    arxivId: (data) => (data.arxiv ? String(data.arxiv) : undefined),
    route: (data) => `papers/${data.arxiv ? String(data.arxiv).replace(/v\d+$/, "") : data.page.fileSlug}/`,
    permalink: (data) => (data.draft === true ? false : data.route),
  },
};
