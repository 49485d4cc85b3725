// The scheduled workflow's pull request body: every proposed paper listed with
// its title, authors and arXiv link; untrusted text inert (no mention, no issue
// reference, no link or HTML of its own, as GitHub-flavoured Markdown reads it);
// the marker of proposed ids carried over from the previous body.
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { inertMarkdown, readSuggestions, renderSuggestionBody, suggestedIds } from "../../scripts/commands/suggest-body.ts";
import { copyFixture, ROOT } from "../support/helpers.ts";

const markdown = unified().use(remarkParse).use(remarkGfm);

/** What GitHub would make of the body: its links, raw HTML, and the text a reader sees (where mentions and references live). */
function read(body: string) {
  const tree = markdown.parse(body);
  const links: string[] = [];
  const html: string[] = [];
  const text: string[] = [];
  visit(tree, (node) => {
    if (node.type === "link" || node.type === "image" || node.type === "definition") links.push((node as { url: string }).url);
    if (node.type === "html") html.push((node as { value: string }).value);
    if (node.type === "text" || node.type === "inlineCode") text.push((node as { value: string }).value);
  });
  return { links, html, text: text.join("\n") };
}

/** What GitHub notifies or links in text: @user, #123, GH-123, owner/repo#123, and bare addresses. */
const ACTIVE = /(?:^|[^\w\u2060])@[A-Za-z0-9]|#\d|\bGH-\d|https?:\/\/|\bwww\./i;

describe("inertMarkdown", () => {
  it("keeps the text readable while nothing in it acts", () => {
    const hostile = "<img src=x onerror=alert(1)> [x](https://evil.example) @octocat #12 GH-3 owner/repo#4 www.evil.example &#64;admin **bold** `code` | table";
    const { links, html, text } = read(`- ${inertMarkdown(hostile)}`);
    expect(links).toEqual([]);
    expect(html).toEqual([]);
    expect(text.replace(/\u2060/g, "")).toBe(
      "<img src=x onerror=alert(1)> [x](https://evil.example) @octocat #12 GH-3 owner/repo#4 www.evil.example &#64;admin **bold** `code` | table",
    );
    expect(text).not.toMatch(ACTIVE);
  });

  it("holds for any text (property)", () => {
    const piece = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 30 }),
      fc.constantFrom(
        "@",
        "#1",
        "GH-1",
        "http://",
        "https://x.y",
        "www.",
        "<b>",
        "</div>",
        "[",
        "](",
        ")",
        "![",
        "&#64;",
        "&amp;",
        "`",
        "*",
        "_",
        "~~",
        "|",
        "\\",
        "\n",
        "\u202E",
        ":",
        "-",
        "1.",
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const { links, html, text } = read(`- [${inertMarkdown(pieces.join(""))}](https://arxiv.org/abs/2510.04567) — ${inertMarkdown(pieces.join(" "), 100)}`);
        expect(links).toEqual(["https://arxiv.org/abs/2510.04567"]);
        expect(html).toEqual([]);
        expect(text).not.toMatch(ACTIVE);
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});

describe("the body", () => {
  it("lists each paper with title, authors (three, then et al.) and its arXiv link, and keeps every id proposed", async () => {
    const body = renderSuggestionBody(
      [
        { file: "content/papers/2025-10-06/baq.md", title: "BAQ: Bit Allocation", authors: ["Chao Zhang", "Li Wei"], arxiv: { id: "2510.04567", version: 1 } },
        { file: "content/papers/2025-10-06/kan.md", title: "KAN", authors: ["A", "B", "C", "D"], arxiv: { id: "2404.19756" } },
      ],
      ["2510.09999"],
    );
    expect(body).toContain("- [BAQ\\: Bit Allocation](https://arxiv.org/abs/2510.04567) — Chao Zhang, Li Wei  \n  `content/papers/2025-10-06/baq.md`");
    expect(body).toContain("- [KAN](https://arxiv.org/abs/2404.19756) — A, B, C et al. (4 authors)");
    expect(body).toContain("these 2 papers");
    expect(suggestedIds(body)).toEqual(["2510.09999", "2510.04567", "2404.19756"]);
    expect(read(body).html).toEqual(["<!-- paperboy-suggested: 2510.09999 2510.04567 2404.19756 -->"]);
  });

  it("carries at most the 2000 newest ids over, so the body stays within GitHub's limit over years", () => {
    const previous = Array.from({ length: 2500 }, (_, i) => `2510.${String(10000 + i)}`);
    const ids = suggestedIds(
      renderSuggestionBody([{ file: "content/papers/2025-10-06/baq.md", title: "BAQ", authors: ["A"], arxiv: { id: "2510.04567" } }], previous),
    );
    expect(ids).toHaveLength(2000);
    expect(ids.at(-1)).toBe("2510.04567");
    expect(ids[0]).toBe("2510.10501");
  });

  it("reads ids only from the marker, and only ids", () => {
    expect(suggestedIds("A title about 2401.00001\n<!-- paperboy-suggested: 2510.04567 ../x hep-th/9901001v2 $(rm) -->")).toEqual([
      "2510.04567",
      "hep-th/9901001",
    ]);
    expect(suggestedIds("no marker")).toEqual([]);
  });

  it("is written by the script from the files the branch adds, as the workflow runs it", async () => {
    const root = await copyFixture("basic");
    await writeFile(path.join(root, "list.txt"), "content/papers/2025-01-06/attention-sinks.md\nREADME.md\ncontent/papers/2025-01-13/missing.md\n");
    await writeFile(path.join(root, "previous.md"), "old body\n<!-- paperboy-suggested: 2510.04567 -->\n");
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), path.join(ROOT, "scripts/commands/suggest-body.ts"), "body", "list.txt", "previous.md"],
      { cwd: root },
    );
    expect(stdout).toContain("- [Attention Sinks at \\$O\\(n\\)\\$ Cost](https://arxiv.org/abs/2501.01230) — Ada Lovelace, Alan Turing");
    expect(stdout).toContain("this paper");
    expect(stdout).toContain("<!-- paperboy-suggested: 2510.04567 2501.01230 -->");
    expect((await readSuggestions(root, ["content/papers/2025-01-06/attention-sinks.md"]))[0]!.title).toBe("Attention Sinks at $O(n)$ Cost");
  });
});
