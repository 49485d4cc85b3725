// The issue form "Suggest a paper" leads to: it exists under the name the
// build links to, and it names no label a new repository or a fork lacks
// (GitHub drops those silently, so the form would only look as if it labelled).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SUGGEST_FORM } from "../../scripts/site/links.ts";
import { ROOT } from "../support/helpers.ts";

/** The labels GitHub gives every new repository. */
const GITHUB_DEFAULT_LABELS = ["bug", "documentation", "duplicate", "enhancement", "good first issue", "help wanted", "invalid", "question", "wontfix"];

describe("the suggest-a-paper issue form", () => {
  it("exists under the name the site links to, and is a form with fields", async () => {
    const form = parse(await readFile(path.join(ROOT, ".github", "ISSUE_TEMPLATE", SUGGEST_FORM), "utf8")) as { name?: string; body?: unknown[] };
    expect(form.name).toBeTruthy();
    expect(form.body?.length).toBeGreaterThan(0);
  });

  it("names only labels every new repository has", async () => {
    const form = parse(await readFile(path.join(ROOT, ".github", "ISSUE_TEMPLATE", SUGGEST_FORM), "utf8")) as { labels?: string[] | string };
    const labels = typeof form.labels === "string" ? form.labels.split(",").map((l) => l.trim()) : (form.labels ?? []);
    expect(labels.filter((label) => !GITHUB_DEFAULT_LABELS.includes(label))).toEqual([]);
  });
});
