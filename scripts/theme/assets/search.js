// The search page: loads the index the build wrote (assets/search/index.json
// lists one shard per month) into MiniSearch (assets/minisearch/minisearch.js,
// loaded before this file), searches every shard and shows the best results
// as the reader types. An arXiv id (any version, either scheme, bare or as
// pasted: `arXiv:2510.04567v2`, an arxiv.org address) finds its paper by the
// address of its page, which every shard already stores, so ids cost the
// index nothing. Everything runs in the browser; the
// address keeps the query (?q=…), so a search is a link that can be shared.
// Its words are the site's, in its language: the page carries them as JSON
// (#search-strings, from the locale's searchScript.* strings).
(() => {
  "use strict";

  const form = document.querySelector("form[data-search-index]");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const base = form.dataset.searchBase;
  const MAX_RESULTS = 100;
  const AUTHORS_SHOWN = 3;

  const language = document.documentElement.lang || "en";
  const dates = new Intl.DateTimeFormat(language, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
  const strings = JSON.parse(document.getElementById("search-strings")?.textContent || "{}");
  const plurals = new Intl.PluralRules(language);
  const numbers = new Intl.NumberFormat(language);
  /** A string of the locale with its {placeholders} filled, the plural form chosen by `count` (as scripts/render/locale.ts does). */
  const say = (key, values = {}) => {
    const message = strings[key] ?? key;
    const text = typeof message === "string" ? message : (message[plurals.select(values.count)] ?? message.other);
    return text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, name) => {
      const value = values[name];
      return value === undefined ? whole : typeof value === "number" ? numbers.format(value) : value;
    });
  };
  /** Appends a string to `parent` with its {placeholders} as nodes: text, or elements such as a <time>. */
  const appendSaid = (parent, key, nodes) => {
    const text = say(key);
    let last = 0;
    for (const match of text.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)) {
      parent.append(text.slice(last, match.index));
      const node = nodes[match[1]];
      if (node !== undefined) parent.append(node);
      last = match.index + match[0].length;
    }
    parent.append(text.slice(last));
  };
  const formatDate = (date) => dates.format(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))));

  // The same normalisation the build used for the index (scripts/search-index.ts processTerm).
  const processTerm = (term) =>
    term.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  // MiniSearch's own tokenizer: words split at spaces and punctuation.
  const WORD_BOUNDARY = /([\n\r\p{Z}\p{P}]+)/u;

  const fail = (message) => {
    status.textContent = "";
    const archive = document.querySelector(".site-header a[href$='/archive/']");
    status.append(`${message} `);
    if (archive) {
      const link = document.createElement("a");
      link.href = archive.href;
      link.textContent = say("browseArchive");
      status.append(link);
    }
  };

  if (typeof MiniSearch === "undefined") {
    fail(say("cannotStart"));
    return;
  }

  /** Appends `text` to `parent`, with each word the search matched in a <mark>. */
  const appendHighlighted = (parent, text, matched) => {
    for (const [index, part] of text.split(WORD_BOUNDARY).entries()) {
      if (index % 2 === 0 && part && matched.has(processTerm(part))) {
        const mark = document.createElement("mark");
        mark.textContent = part;
        parent.append(mark);
      } else if (part) {
        parent.append(part);
      }
    }
  };

  const element = (tag, className) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  };

  /** The first authors, plus any later author the search matched, then "et al.". */
  const shownAuthors = (authors, matched) => {
    if (authors.length <= AUTHORS_SHOWN + 2) return { names: authors, more: 0 };
    const names = authors.filter((name, i) => i < AUTHORS_SHOWN || name.split(WORD_BOUNDARY).some((w) => matched.has(processTerm(w))));
    return { names, more: authors.length - names.length };
  };

  const renderResult = (result) => {
    const matched = new Set(result.terms);
    const item = element("li", "search-result");
    const heading = element("h2", "paper-title");
    const link = element("a");
    link.href = base + result.id;
    appendHighlighted(link, result.title, matched);
    heading.append(link);

    const authors = element("p", "authors");
    const { names, more } = shownAuthors(result.authors, matched);
    names.forEach((name, i) => {
      if (i > 0) authors.append(", ");
      const bdi = element("bdi");
      appendHighlighted(bdi, name, matched);
      authors.append(bdi);
    });
    if (more > 0) authors.append(` ${say("etAl", { count: more })}`);

    const listed = element("p", "listed");
    const time = element("time");
    time.dateTime = result.day;
    time.textContent = formatDate(result.day);
    appendSaid(listed, "listedOn", { date: time });
    if (result.tags.length > 0) {
      listed.append(" · ");
      appendHighlighted(listed, result.tags.join(", "), matched);
    }

    // The summary is indexed but not shipped; say which of its words matched.
    const inSummary = Object.keys(result.match).filter((term) => result.match[term].every((field) => field === "text"));
    item.append(heading, authors, listed);
    if (inSummary.length > 0) {
      const summary = element("p", "excerpt");
      const terms = document.createDocumentFragment();
      inSummary.forEach((term, i) => {
        if (i > 0) terms.append(", ");
        const mark = element("mark");
        mark.textContent = term;
        terms.append(mark);
      });
      appendSaid(summary, "summaryMentions", { terms });
      item.append(summary);
    }
    return item;
  };

  // New-style `2510.04567` or old-style `hep-th/9901001` / `math.GT/0309136`, with an optional version, prefix or address.
  const ARXIV_ID = /^(?:arxiv:\s*|(?:https?:\/\/)?(?:www\.)?arxiv\.org\/(?:abs|pdf|html)\/)?(\d{4}\.\d{4,5}|([a-z]+(?:-[a-z]+)*)(\.[a-z]{2})?\/(\d{7}))(?:v\d+)?(?:\.pdf)?\/?$/i;

  /** The route of the page a paper with this arXiv id has (`papers/2510.04567/`), or null when the query is no id. */
  const arxivRoute = (query) => {
    const found = ARXIV_ID.exec(query);
    if (!found) return null;
    const [, id, archive, subject, number] = found;
    // A paper's page is at its versionless id, spelt as arXiv does: archive in lower case, subject class in upper.
    return `papers/${archive ? `${archive.toLowerCase()}${subject ? subject.toUpperCase() : ""}/${number}` : id}/`;
  };

  let indexes = null;

  /** Searches every month's shard; the paper an arXiv id names first, then the best matches, then the newest. */
  const searchAll = (query) => {
    const route = arxivRoute(query);
    const byId = route
      ? indexes.flatMap((index) => {
          const stored = index.getStoredFields(route);
          return stored ? [{ ...stored, id: route, terms: [], match: {} }] : [];
        })
      : [];
    const byText = indexes
      .flatMap((index) => index.search(query))
      .filter((result) => result.id !== route)
      .sort((a, b) => b.score - a.score || (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
    return [...byId.slice(0, 1), ...byText];
  };

  const run = () => {
    const query = input.value.trim();
    const address = query ? `${location.pathname}?q=${encodeURIComponent(query)}` : location.pathname;
    if (address !== location.pathname + location.search) history.replaceState(null, "", address);
    if (!indexes) return;
    list.replaceChildren();
    if (!query) {
      status.textContent = "";
      return;
    }
    const results = searchAll(query);
    const shown = results.slice(0, MAX_RESULTS);
    list.append(...shown.map(renderResult));
    if (results.length === 0) status.textContent = say("none", { query });
    else if (results.length > shown.length) status.textContent = say("tooMany", { count: results.length, query, shown: shown.length });
    else status.textContent = say("found", { count: results.length, query });
  };

  let pending = 0;
  input.addEventListener("input", () => {
    clearTimeout(pending);
    pending = setTimeout(run, 60);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });

  input.value = new URLSearchParams(location.search).get("q") ?? "";
  status.textContent = say("loading");
  const fetchJson = (url) =>
    fetch(url).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    });
  fetchJson(form.dataset.searchIndex)
    .then((manifest) => Promise.all(manifest.shards.map((shard) => fetchJson(base + shard.file))))
    .then((shards) => {
      indexes = shards.map((data) =>
        MiniSearch.loadJS(data.index, {
          fields: data.fields,
          storeFields: data.storeFields,
          processTerm,
          searchOptions: { prefix: true, fuzzy: 0.2, combineWith: "AND", boost: { title: 3, authors: 2, tags: 2 } },
        }),
      );
      status.textContent = "";
      run();
      if (!input.value) input.focus();
    })
    .catch(() => fail(say("cannotLoad")));
})();
