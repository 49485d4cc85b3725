// A fork's defaults come from the fork: the repository behind "Suggest a paper"
// is the one GitHub Actions builds in, else the configuration's, else none.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../scripts/content/config.ts";
import { siteWith, textOf, buildSite, FIXTURES } from "../support/helpers.ts";

const MINIMAL = "title: T\ndescription: D\nurl: https://example.org/\nauthor:\n  name: A\n";

describe("the repository a site links to", () => {
  it("is the one GitHub Actions names, over the configuration's", () => {
    const { config } = parseConfig(`${MINIMAL}repository: https://github.com/upstream/paperboy\n`, {
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: "a-lab/their-digest",
    });
    expect(config?.repository).toBe("https://github.com/a-lab/their-digest");
  });

  it("takes GitHub Enterprise's server from GITHUB_SERVER_URL, and github.com without it", () => {
    expect(parseConfig(MINIMAL, { GITHUB_SERVER_URL: "https://git.example.edu/", GITHUB_REPOSITORY: "lab/digest" }).config?.repository).toBe(
      "https://git.example.edu/lab/digest",
    );
    expect(parseConfig(MINIMAL, { GITHUB_REPOSITORY: "lab/digest" }).config?.repository).toBe("https://github.com/lab/digest");
  });

  it("is the configuration's outside Actions, and none when neither names one", () => {
    expect(parseConfig(`${MINIMAL}repository: https://github.com/lab/digest/\n`, {}).config?.repository).toBe("https://github.com/lab/digest");
    const { config, diagnostics } = parseConfig(MINIMAL, {});
    expect(diagnostics).toEqual([]);
    expect(config).toBeDefined();
    expect(config!.repository).toBeUndefined();
  });

  it("reports a malformed GITHUB_REPOSITORY or GITHUB_SERVER_URL as the environment's problem", () => {
    const bad = (env: NodeJS.ProcessEnv) => parseConfig(MINIMAL, env).diagnostics.map((d) => `${d.file}: ${d.message}`);
    expect(bad({ GITHUB_REPOSITORY: "not a repository" })).toEqual([
      'GITHUB_REPOSITORY (environment): "not a repository" is not a repository name (expected OWNER/REPO)',
    ]);
    expect(bad({ GITHUB_REPOSITORY: "lab/.." })).toEqual(['GITHUB_REPOSITORY (environment): "lab/.." is not a repository name (expected OWNER/REPO)']);
    expect(bad({ GITHUB_REPOSITORY: "lab/digest", GITHUB_SERVER_URL: "javascript:alert(1)" })).toHaveLength(1);
    expect(bad({ GITHUB_REPOSITORY: "lab/digest", GITHUB_SERVER_URL: "javascript:alert(1)" })[0]).toMatch(/^GITHUB_SERVER_URL \(environment\): /);
  });
});

describe("a fork's build", () => {
  const suggestLink = (html: string) => /<a href="([^"]*)">Suggest a paper<\/a>/.exec(html)?.[1]?.replace(/&#x3D;/g, "=");

  it("links 'Suggest a paper' to the issue form of the repository it is built in, and names upstream's nowhere", async () => {
    const upstream = /repository: (\S+)/.exec(await readFile(path.join(FIXTURES, "basic", "paperboy.config.yaml"), "utf8"))![1]!;
    const result = await buildSite(path.join(FIXTURES, "basic"), { env: { GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "a-lab/their-digest" } });
    expect(result.diagnostics).toEqual([]);
    expect(suggestLink(textOf(result, "index.html"))).toBe("https://github.com/a-lab/their-digest/issues/new?template=suggest-a-paper.yml");
    const leaks = result.files!.filter((file) => typeof file.contents === "string" && file.contents.includes(upstream)).map((file) => file.path);
    expect(leaks).toEqual([]);
  });

  it("links to the configuration's repository outside Actions, and shows no link without one", async () => {
    const configured = await buildSite(path.join(FIXTURES, "basic"), { env: {} });
    expect(suggestLink(textOf(configured, "index.html"))).toBe("https://github.com/example/digest/issues/new?template=suggest-a-paper.yml");
    const root = await siteWith({ "paperboy.config.yaml": MINIMAL });
    const bare = await buildSite(root, { env: {} });
    expect(bare.diagnostics).toEqual([]);
    expect(textOf(bare, "index.html")).not.toContain("Suggest a paper");
  });
});

describe("arxiv_links", () => {
  it("defaults to arXiv's abstract and PDF, then Hugging Face, alphaXiv and Semantic Scholar", () => {
    expect(parseConfig(MINIMAL).config?.arxivLinks).toEqual(["arxiv", "pdf", "hugging-face", "alphaxiv", "semantic-scholar"]);
  });

  it("takes the pages a maintainer names, in their order, or none", () => {
    expect(parseConfig(`${MINIMAL}arxiv_links:\n  - semantic-scholar\n  - arxiv\n`).config?.arxivLinks).toEqual(["semantic-scholar", "arxiv"]);
    expect(parseConfig(`${MINIMAL}arxiv_links: []\n`).config?.arxivLinks).toEqual([]);
  });

  it("refuses an unknown name on its line, with the closest name, and a name listed twice", () => {
    const { config, diagnostics } = parseConfig(`${MINIMAL}arxiv_links:\n  - arxiv\n  - hugingface\n  - arxiv\n  - scholar-google\n`);
    expect(config).toBeUndefined();
    expect(diagnostics.map((d) => `${d.line}: ${d.field}: ${d.message} [${d.rule}]`)).toEqual([
      '8: arxiv_links.1: "hugingface" is not a page Paperboy links to; did you mean "hugging-face"? (expected one of arxiv, pdf, hugging-face, alphaxiv, semantic-scholar) [config/invalid]',
      '10: arxiv_links.3: "scholar-google" is not a page Paperboy links to (expected one of arxiv, pdf, hugging-face, alphaxiv, semantic-scholar) [config/invalid]',
    ]);
    expect(diagnostics[0]!.fix).toContain("arxiv_links:\n    - arxiv");
    const twice = parseConfig(`${MINIMAL}arxiv_links: [pdf, arxiv, pdf]\n`).diagnostics;
    expect(twice.map((d) => `${d.field}: ${d.message}`)).toEqual(['arxiv_links.2: "pdf" is listed twice']);
    expect(parseConfig(`${MINIMAL}arxiv_links: arxiv\n`).diagnostics.map((d) => d.message)).toEqual([
      "expected a list of names such as arxiv, pdf, got a string",
    ]);
  });
});
