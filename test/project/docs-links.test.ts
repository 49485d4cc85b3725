// Every relative link in README.md, CONTRIBUTING.md and docs/*.md leads somewhere:
// to a file or folder of the repository, and for `#anchor`s into our own Markdown,
// to a heading (as GitHub names it) or an explicit `id` that exists. Pages move
// between the README and docs/; this is what keeps their cross-references true.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import GithubSlugger from "github-slugger";
import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/helpers.ts";

const DOCS = [
  "README.md",
  "CONTRIBUTING.md",
  ...readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];
const parser = unified().use(remarkParse).use(remarkGfm);
/** Pages GitHub serves beside a repository's files, which a link may climb out of the tree to reach. */
const GITHUB_PAGE = /^(?:issues|pulls|actions|releases|discussions|security|settings)(?:[/?#]|$)/;

function parse(file: string): Root {
  return parser.parse(readFileSync(path.join(ROOT, file), "utf8"));
}

/** Every link and image address in a Markdown file, with its line. */
function linksOf(file: string): { url: string; line: number }[] {
  const links: { url: string; line: number }[] = [];
  visit(parse(file), (node) => {
    if (node.type === "link" || node.type === "image" || node.type === "definition") links.push({ url: node.url, line: node.position?.start.line ?? 0 });
  });
  return links;
}

const anchorCache = new Map<string, Set<string>>();
/** The anchors GitHub gives a Markdown file: one per heading (numbered when repeated), and every explicit id or name. */
function anchorsOf(file: string): Set<string> {
  const known = anchorCache.get(file);
  if (known) return known;
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  visit(parse(file), (node) => {
    if (node.type === "heading") anchors.add(slugger.slug(toString(node)));
    if (node.type === "html") for (const match of node.value.matchAll(/\b(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
  });
  anchorCache.set(file, anchors);
  return anchors;
}

/** What is wrong with one link, or undefined when it leads somewhere. */
function problemWith(file: string, url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return undefined; // https:, mailto: … are not ours to check
  const [target = "", anchor] = url.split("#", 2) as [string, string | undefined];
  const resolved = target === "" ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(target.split("?")[0]!)));
  if (resolved.startsWith("../")) {
    // Two levels above a file at the top (…/OWNER/REPO/blob/main/README.md) is the repository's own page on GitHub.
    const outside = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
    const githubPage = outside.startsWith("../../") && GITHUB_PAGE.test(outside.slice("../../".length));
    return githubPage ? undefined : `${url} leaves the repository`;
  }
  if (!existsSync(path.join(ROOT, resolved))) return `${url}: ${resolved} does not exist`;
  if (anchor !== undefined && resolved.endsWith(".md") && !anchorsOf(resolved).has(anchor)) return `${url}: ${resolved} has no heading or id "${anchor}"`;
  return undefined;
}

describe("the documentation's links", () => {
  it("finds the pages it checks, and links in them", () => {
    expect(DOCS).toEqual(expect.arrayContaining(["README.md", "CONTRIBUTING.md", "docs/errors.md"]));
    expect(linksOf("README.md").length).toBeGreaterThan(5);
  });

  it.each(DOCS)("%s: every relative link leads to a file, and every anchor to a heading", (file) => {
    const broken = linksOf(file).flatMap(({ url, line }) => {
      const problem = problemWith(file, url);
      return problem ? [`${file}:${line}: ${problem}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it("tells a broken link, a missing file and a missing anchor from good ones", () => {
    expect(problemWith("README.md", "docs/errors.md#body-link")).toBeUndefined();
    expect(problemWith("docs/content.md", "../CONTRIBUTING.md")).toBeUndefined();
    expect(problemWith("docs/content.md", "#fields")).toBeUndefined();
    expect(problemWith("CONTRIBUTING.md", "../../issues/new?template=suggest-a-paper.yml")).toBeUndefined();
    expect(problemWith("README.md", "docs/no-such-page.md")).toMatch(/does not exist/);
    expect(problemWith("README.md", "docs/errors.md#no-such-rule")).toMatch(/no heading or id/);
    expect(problemWith("docs/content.md", "#no-such-heading")).toMatch(/no heading or id/);
    expect(problemWith("README.md", "../../../etc/passwd")).toMatch(/leaves the repository/);
  });
});
