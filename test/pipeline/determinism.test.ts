// Determinism across machines: the same corpus (the digest and basic fixtures
// and the hostile corpus's valid cases) built by the real command line in
// two folders, in two child processes with time zones 25 hours apart and
// different locales, gives byte-identical output. Child processes, because a
// process caches its time zone and locale: changing process.env.TZ in-process
// proves little.
import { execFile } from "node:child_process";
import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { listTree } from "../../scripts/util/list-tree.ts";
import { FIXTURES, overrideTemplate, ROOT, tempDir } from "../support/helpers.ts";
import { NEUTRALISED, writeHostileSite } from "../fixtures/hostile/cases.ts";

const run = promisify(execFile);
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const CLI = path.join(ROOT, "scripts", "cli.ts");

/** The whole corpus as one site in a fresh folder, with the digest fixture's configuration and one template of its own. */
async function corpusSite(): Promise<string> {
  const root = await tempDir("paperboy-determinism-", "file");
  await writeHostileSite(root, NEUTRALISED, await tempDir("paperboy-outside-", "file"));
  await cp(path.join(FIXTURES, "digest", "paperboy.config.yaml"), path.join(root, "paperboy.config.yaml"));
  for (const fixture of ["digest", "basic"])
    await cp(path.join(FIXTURES, fixture, "content", "papers"), path.join(root, "content", "papers"), { recursive: true });
  await overrideTemplate(root, "partials/site-footer.hbs");
  return root;
}

async function buildIn(root: string, env: Record<string, string>): Promise<string> {
  const { stdout } = await run(TSX, [CLI, "build"], { cwd: root, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } });
  return stdout;
}

describe("determinism", () => {
  it("gives byte-identical output in other folders, time zones and locales", async () => {
    const [a, b] = [await corpusSite(), await corpusSite()];
    const [outA, outB] = await Promise.all([
      buildIn(a, { TZ: "Pacific/Kiritimati", LANG: "C.UTF-8", LC_ALL: "C.UTF-8" }),
      buildIn(b, { TZ: "Pacific/Pago_Pago", LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8" }),
    ]);
    expect(outA).toMatch(/^Built \d+ papers on \d+ days/);
    expect(outB.replace(/in \d+ ms/, "")).toBe(outA.replace(/in \d+ ms/, ""));

    const files = await listTree(path.join(a, "dist"));
    expect(await listTree(path.join(b, "dist"))).toEqual(files);
    expect(files.length).toBeGreaterThan(50);
    const differing: string[] = [];
    for (const file of files) {
      const [x, y] = await Promise.all([readFile(path.join(a, "dist", file)), readFile(path.join(b, "dist", file))]);
      if (!x.equals(y)) differing.push(file);
    }
    expect(differing).toEqual([]);
  }, 180_000);
});
