// A damaged compile cache never fails a build nor reaches the output: every
// integrity failure is noted in one line and repaired by compiling the paper
// again, and the repaired cache is trusted on the next build. Whatever state
// the cache or the output folder is in, the user sees a result or one clear
// problem, never "internal error".
import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { build, type BuildOptions } from "../../scripts/commands/build.ts";
import { listTree } from "../../scripts/util/list-tree.ts";
import { copyFixture, ROOT } from "../support/helpers.ts";

const run = (root: string, options: Partial<BuildOptions> = {}) => build({ root, env: {}, ...options });
const CLI = path.join(ROOT, "scripts", "cli.ts");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

/** Every file of the output folder with its bytes. */
async function contents(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of await listTree(dir)) files[file] = (await readFile(path.join(dir, file))).toString("base64");
  return files;
}

/** The body files of a project's compile cache. */
async function bodyFiles(root: string): Promise<string[]> {
  const bodies = path.join(root, ".cache/paperboy/bodies");
  const files: string[] = [];
  for (const folder of await readdir(bodies)) for (const file of await readdir(path.join(bodies, folder))) files.push(path.join(bodies, folder, file));
  return files;
}

/** A built fixture, its output as a clean build makes it, and its site's files changed so that every page renders again. */
async function builtSite(): Promise<{ root: string; clean: Record<string, string> }> {
  const root = await copyFixture("basic");
  expect((await run(root)).diagnostics).toEqual([]);
  const clean = await contents(path.join(root, "dist"));
  // Without its record of written files, the next build renders every output (and so reads every body).
  await rm(path.join(root, "dist"), { recursive: true });
  return { root, clean };
}

describe("a damaged compile cache", () => {
  const damages: [string, (file: string) => Promise<void>][] = [
    ["a body file whose bytes changed", (file) => writeFile(file, "<p>poisoned</p>")],
    ["a body file that is gone", (file) => rm(file)],
    [
      "a folder where a body file was",
      async (file) => {
        await rm(file);
        await mkdir(path.join(file, "inside"), { recursive: true });
      },
    ],
  ];
  for (const [what, damage] of damages) {
    it(`repairs ${what}: a note for each, the same output, and a trusted cache next time`, async () => {
      const { root, clean } = await builtSite();
      for (const file of await bodyFiles(root)) await damage(file);
      const result = await run(root);
      expect(result.diagnostics).toEqual([]);
      // One line per damaged summary the site shows (a draft's is not read).
      expect(result.notices).toHaveLength(result.counts!.papers);
      for (const notice of result.notices)
        expect(notice).toMatch(/^body [0-9a-f]{40} (is missing from|in) the compile cache.*; compiled content\/papers\/\S+\.md again$/);
      expect(await contents(path.join(root, "dist"))).toEqual(clean);
      await rm(path.join(root, "dist"), { recursive: true });
      const again = await run(root);
      expect(again.notices).toEqual([]);
      expect(again.stats).toMatchObject({ compiled: 0 });
    });
  }

  const indexDamages: [string, (index: string) => Promise<void>, RegExp][] = [
    [
      "an index that is a folder",
      async (index) => {
        await rm(index);
        await mkdir(index);
      },
      /^compile cache index could not be read \(EISDIR\); rebuilding it$/,
    ],
    [
      "an index of this version whose entries are not entries",
      async (index) => {
        const stored = JSON.parse(await readFile(index, "utf8")) as Record<string, unknown>;
        await writeFile(index, JSON.stringify({ ...stored, entries: [1, "two", { key: "../../escape" }] }));
      },
      /^compile cache index is corrupt; rebuilding it$/,
    ],
  ];
  for (const [what, damage, note] of indexDamages) {
    it(`rebuilds ${what}, with the same output`, async () => {
      const { root, clean } = await builtSite();
      await damage(path.join(root, ".cache/paperboy/papers.json"));
      const result = await run(root);
      expect(result.diagnostics).toEqual([]);
      expect(result.notices).toHaveLength(1);
      expect(result.notices[0]).toMatch(note);
      expect(await contents(path.join(root, "dist"))).toEqual(clean);
    });
  }
});

describe("an output folder that is not a folder", () => {
  it("is one clear problem from the command line, and the file is left as it was", async () => {
    const root = await copyFixture("basic");
    await writeFile(path.join(root, "dist"), "not a folder");
    const { stdout, stderr, code } = await promisify(execFile)(process.execPath, [TSX, CLI, "build"], {
      cwd: root,
      env: { ...process.env, SITE_URL: "" },
    }).then(
      (r) => ({ ...r, code: 0 }),
      (error: { stdout: string; stderr: string; code: number }) => error,
    );
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `could not write the site to ${path.join(root, "dist")}: it is a file, not a folder; remove it, or build elsewhere with --out <folder>\ndist/ was left as it was.\n`,
    );
    expect(await readFile(path.join(root, "dist"), "utf8")).toBe("not a folder");
  });
});
