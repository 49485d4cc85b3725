// Golden output: the fixture site under test/fixtures/basic is built and every
// file compared with test/fixtures/basic/expected/. After an intended change,
// regenerate with `npx vitest run test/pipeline/golden.test.ts -u` and review the diff.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listTree } from "../../scripts/util/list-tree.ts";
import { buildSite, FIXTURES } from "../support/helpers.ts";

const SITE = path.join(FIXTURES, "basic");
const EXPECTED = path.join(SITE, "expected");
// KaTeX's and MiniSearch's own files are copied verbatim from their packages; they are checked for presence, not content.
const isThirdParty = (file: string) => file.startsWith("assets/fonts/") || file.startsWith("assets/minisearch/");

describe("golden output of the basic fixture", async () => {
  const result = await buildSite(SITE);
  const files = result.files ?? [];

  it("builds without problems", () => {
    expect(result.diagnostics).toEqual([]);
  });

  it("writes exactly the expected set of files", async () => {
    const produced = files
      .map((f) => f.path)
      .filter((f) => !isThirdParty(f))
      .sort();
    await expect(`${produced.join("\n")}\n`).toMatchFileSnapshot(path.join(SITE, "expected-files.txt"));
    const onDisk = (await listTree(EXPECTED)).sort();
    expect(onDisk).toEqual(produced);
  });

  it("ships its math font, with its licence, from the site itself", () => {
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["assets/fonts/stix-two-math.woff2", "assets/fonts/STIX-LICENSE.txt"]));
    expect(paths.filter((p) => p.startsWith("assets/katex/"))).toEqual([]);
  });

  for (const file of files.filter((f) => !isThirdParty(f.path))) {
    it(`matches ${file.path}`, async () => {
      const text = typeof file.contents === "string" ? file.contents : Buffer.from(file.contents).toString("utf8");
      await expect(text).toMatchFileSnapshot(path.join(EXPECTED, file.path));
    });
  }

  it("compares against files that exist (a missing expected file is a failure, not a new snapshot)", async () => {
    // Guards against the snapshot tool silently creating files in CI.
    for (const file of files.filter((f) => !isThirdParty(f.path))) {
      await expect(readFile(path.join(EXPECTED, file.path))).resolves.toBeInstanceOf(Buffer);
    }
  });
});
