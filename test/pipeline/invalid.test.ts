// One folder per class of bad input under test/fixtures/invalid/<case>/, each with the
// exact report the build must give (expected.txt). Each case also proves that a
// failed build leaves the previous dist/ exactly as it was.
import { cp, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../../scripts/commands/build.ts";
import { formatDiagnostic, summarise } from "../../scripts/diagnostics/format.ts";
import { isRuleId } from "../../scripts/diagnostics/rules.ts";
import { copyFixture, FIXTURES, snapshotTree } from "../support/helpers.ts";

const INVALID = path.join(FIXTURES, "invalid");
const cases = (await readdir(INVALID, { withFileTypes: true }))
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe.each(cases)("invalid content: %s", (name) => {
  it("reports every problem exactly, and leaves dist/ and content/ as they were", async () => {
    // A good build first, so there is a previous dist/ to protect.
    const root = await copyFixture("basic");
    const first = await build({ root, env: {} });
    expect(first.diagnostics).toEqual([]);
    const distBefore = await snapshotTree(path.join(root, "dist"));

    await rm(path.join(root, "content"), { recursive: true });
    await cp(path.join(INVALID, name, "content"), path.join(root, "content"), { recursive: true });
    const contentBefore = await snapshotTree(path.join(root, "content"));

    const result = await build({ root, env: {} });
    const report = `${result.diagnostics.map(formatDiagnostic).join("\n")}\n\n${summarise(result.diagnostics)}\n`;
    await expect(report).toMatchFileSnapshot(path.join(INVALID, name, "expected.txt"));
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(
      result.diagnostics.filter((d) => !isRuleId(d.rule)),
      "every rule is in scripts/diagnostics/rules.ts",
    ).toEqual([]);
    expect(result.files).toBeUndefined();

    expect(await snapshotTree(path.join(root, "dist"))).toEqual(distBefore);
    expect(await snapshotTree(path.join(root, "content"))).toEqual(contentBefore);
    expect((await readdir(root)).filter((f) => f.startsWith(".paperboy-staging"))).toEqual([]);
  });
});
