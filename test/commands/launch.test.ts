// scripts/launch.mjs, what every npm run command runs: the generator compiled
// to JavaScript once per version of its sources. What it builds must be what the
// TypeScript builds, byte for byte, and it must never run a stale copy.
import { execFile } from "node:child_process";
import { cp, readFile, readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { listTree } from "../../scripts/util/list-tree.ts";
import { copyFixture, ROOT, tempDir } from "../support/helpers.ts";

const run = promisify(execFile);
const LAUNCHER = path.join(ROOT, "scripts", "launch.mjs");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const CLI = path.join(ROOT, "scripts", "cli.ts");
const env = { ...process.env, SITE_URL: "", CI: "true" };

async function tree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of await listTree(dir)) files[file] = (await readFile(path.join(dir, file))).toString("base64");
  return files;
}

describe("the launcher", () => {
  it("builds exactly what the TypeScript sources build", async () => {
    const [compiled, sources] = [await copyFixture("basic"), await copyFixture("basic")];
    const launched = await run(process.execPath, [LAUNCHER, "build"], { cwd: compiled, env });
    await run(process.execPath, [TSX, CLI, "build"], { cwd: sources, env });
    expect(launched.stdout).toMatch(/^Built \d+ papers on \d+ days: \d+ files written/);
    expect(await tree(path.join(compiled, "dist"))).toEqual(await tree(path.join(sources, "dist")));
  });

  it("runs a copy compiled from the current sources, which names them as its source", async () => {
    // From a folder of no site: the compiled copies belong to the sources, wherever the command runs.
    const { stdout } = await run(process.execPath, [LAUNCHER, "--version"], { cwd: await tempDir(), env });
    expect(stdout.trim()).toMatch(/^paperboy \d+\.\d+\.\d+/);
    const copies = path.join(ROOT, ".cache", "paperboy-js");
    const names = (await readdir(copies)).filter((name) => /^[0-9a-f]{16}$/.test(name));
    expect(names.length).toBeGreaterThanOrEqual(1);
    // Every compiled copy points back at these sources, so the code version (and every cache key) is theirs.
    for (const name of names) {
      expect(JSON.parse(await readFile(path.join(copies, name, "source.json"), "utf8"))).toEqual({ scripts: path.join(ROOT, "scripts") });
      const cli = await readFile(path.join(copies, name, "cli.js"), "utf8");
      expect(cli).not.toMatch(/from "\.[^"]*\.ts"/);
    }
  });

  it("compiles again when a source changes, and runs the new code", async () => {
    const copy = await tempDir();
    await cp(path.join(ROOT, "scripts"), path.join(copy, "scripts"), { recursive: true });
    await cp(path.join(ROOT, "package.json"), path.join(copy, "package.json"));
    await symlink(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"), "dir");
    const launch = () => run(process.execPath, [path.join(copy, "scripts", "launch.mjs"), "--version"], { cwd: copy, env });
    expect((await launch()).stdout).toMatch(/^paperboy \d/);
    const cli = path.join(copy, "scripts", "cli.ts");
    await writeFile(cli, (await readFile(cli, "utf8")).replaceAll("`paperboy ${paperboyVersion()}`", "`paperboy (edited) ${paperboyVersion()}`"));
    expect((await launch()).stdout).toMatch(/^paperboy \(edited\) \d/);
    expect((await readdir(path.join(copy, ".cache", "paperboy-js"))).filter((name) => /^[0-9a-f]{16}$/.test(name))).toHaveLength(2);
  });
});
