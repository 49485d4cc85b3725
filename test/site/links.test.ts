// A paper's links: the pages its arXiv id leads to, as the configuration
// chooses and orders them, then every link its file gives, and its submitter.
import { describe, expect, it } from "vitest";
import { DEFAULT_ARXIV_LINKS } from "../../scripts/content/config.ts";
import { githubProfileUrl, paperLinks } from "../../scripts/site/links.ts";
import type { Paper } from "../../scripts/types.ts";
import { syntheticPapers } from "../support/synthetic.ts";

const [base] = syntheticPapers(1);
const paper = (overrides: Partial<Paper>): Paper => ({ ...base!, ...overrides });
const kinds = (links: { kind: string }[]) => links.map((link) => link.kind);

describe("a paper's links", () => {
  it("lead from a pinned arXiv id to arXiv's versioned pages and the other services' versionless ones", () => {
    const links = paperLinks(paper({ arxiv: { id: "2510.04567", version: 2 } }), DEFAULT_ARXIV_LINKS);
    expect(links.map((link) => `${link.label} ${link.url}`)).toEqual([
      "arXiv https://arxiv.org/abs/2510.04567v2",
      "PDF https://arxiv.org/pdf/2510.04567v2",
      "Hugging Face https://huggingface.co/papers/2510.04567",
      "alphaXiv https://www.alphaxiv.org/abs/2510.04567",
      "Semantic Scholar https://www.semanticscholar.org/arxiv/2510.04567",
    ]);
  });

  it("follow the configuration's choice and order, and a paper without an arXiv id has none of them", () => {
    expect(kinds(paperLinks(paper({}), ["semantic-scholar", "arxiv"]))).toEqual(["semantic-scholar", "arxiv"]);
    expect(kinds(paperLinks(paper({}), []))).toEqual([]);
    const { arxiv: _arxiv, ...withoutArxiv } = base!;
    expect(kinds(paperLinks({ ...withoutArxiv, url: "https://example.org/p" }, DEFAULT_ARXIV_LINKS))).toEqual(["url"]);
  });

  it("leave out Hugging Face for an old-style id, whose slash its addresses cannot hold", () => {
    const links = paperLinks(paper({ arxiv: { id: "hep-th/9901001" } }), DEFAULT_ARXIV_LINKS);
    expect(kinds(links)).toEqual(["arxiv", "pdf", "alphaxiv", "semantic-scholar"]);
    expect(links.at(-1)!.url).toBe("https://www.semanticscholar.org/arxiv/hep-th/9901001");
  });

  it("show every link the file gives, whatever the configuration, models and datasets after code and project", () => {
    const links = {
      demo: "https://d.example",
      dataset: "https://hf.co/datasets/o/d",
      model: "https://hf.co/o/m",
      project: "https://p.example",
      code: "https://github.com/o/r",
      pdf: "https://p.example/paper.pdf",
    };
    const shown = paperLinks(paper({ links, doi: "10.1000/x" }), []);
    expect(kinds(shown)).toEqual(["pdf", "doi", "code", "project", "model", "dataset", "demo"]);
    expect(shown.find((link) => link.kind === "model")!.label).toBe("Model");
    expect(shown.find((link) => link.kind === "dataset")!.label).toBe("Dataset");
    // A PDF the file gives takes the place of arXiv's, where the configuration puts the PDF.
    const configured = paperLinks(paper({ links: { pdf: "https://p.example/paper.pdf" } }), ["hugging-face", "pdf"]);
    expect(configured.map((link) => `${link.kind} ${link.url}`)).toEqual([
      `hugging-face https://huggingface.co/papers/${base!.arxiv!.id}`,
      "pdf https://p.example/paper.pdf",
    ]);
  });
});

describe("a submitter's profile", () => {
  it("is a link for a GitHub login, and nothing for any other text", () => {
    expect(githubProfileUrl("octocat")).toBe("https://github.com/octocat");
    expect(githubProfileUrl("a-b-c")).toBe("https://github.com/a-b-c");
    for (const bad of ["@octocat", "octo/../cat", "-octocat", "octo--cat", "octocat-", "x".repeat(40), "evil.example", "a b", ""]) {
      expect(githubProfileUrl(bad), bad).toBeUndefined();
    }
  });
});
