// A failed build, at any stage, leaves the previous dist/ exactly as it was
// (every file's bytes and modification time) and never touches content/: bad
// content, a template that does not parse, a partial missing at render time, a
// full disk, a read-only output folder, and one only partly read-only.
//
// The write failures are real, not mocked: the disk is a tmpfs filled to the
// last byte, and the read-only folders are enforced by running the command line
// as an unprivileged user (setpriv), since root ignores file modes. Both need
// root, which CI has; elsewhere they are reported as skipped, never passed.
import { execFile } from "node:child_process";
import { chmod, chown, cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { build } from "../../scripts/commands/build.ts";
import { copyFixture, ROOT, snapshotTree, THEME, tempDir } from "../support/helpers.ts";

const run = promisify(execFile);
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const CLI = path.join(ROOT, "scripts", "cli.ts");
const IS_ROOT = process.getuid?.() === 0;
/** Needs root, which CI has; a contributor's machine reports the test as skipped. */
const asRoot = IS_ROOT || process.env.CI ? it : it.skip;
const NOBODY = 65534;

/** A fixture site with its own copy of the templates, built once, so that there is a dist/ to protect. */
async function builtSite(outDir = "dist"): Promise<{ root: string; templates: string }> {
  const root = await copyFixture("basic");
  const templates = path.join(root, "templates");
  await cp(THEME, templates, { recursive: true });
  const first = await build({ root, templatesDir: templates, env: {}, outDir });
  expect(first.diagnostics).toEqual([]);
  return { root, templates };
}

/** An edit that changes every page, so that a second build has a lot to write. */
async function editEverything(root: string): Promise<void> {
  const config = path.join(root, "paperboy.config.yaml");
  await writeFile(config, (await readFile(config, "utf8")).replace("title: Fixture Digest", "title: Fixture Digest, Renamed"));
  await writeFile(path.join(root, "content/papers/2025-01-06/new-paper.md"), "---\ntitle: A New Paper\nauthors:\n  - Ada Lovelace\narxiv: \"2501.04444\"\n---\nNew.\n");
}

/** Runs the command line's build in `root`, optionally as another user; returns its exit code and output. */
async function cliBuild(root: string, args: string[] = [], user?: number): Promise<{ code: number; output: string }> {
  const command = user === undefined ? [TSX, CLI, "build", ...args] : ["setpriv", `--reuid=${user}`, `--regid=${user}`, "--clear-groups", "--", TSX, CLI, "build", ...args];
  try {
    const { stdout, stderr } = await run(command[0]!, command.slice(1), { cwd: root, env: { PATH: process.env.PATH ?? "", HOME: "/tmp" } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, output: `${failure.stdout ?? ""}${failure.stderr ?? ""}` };
  }
}

/** Lets another user read (not write) a folder tree. */
async function readableByAll(dir: string): Promise<void> {
  await run("chmod", ["-R", "a+rX", dir]);
}

async function expectUntouched(root: string, outDir: string, before: { dist: Record<string, string>; content: Record<string, string> }): Promise<void> {
  expect(await snapshotTree(outDir)).toEqual(before.dist);
  expect(await snapshotTree(path.join(root, "content"))).toEqual(before.content);
  expect((await readdir(path.dirname(outDir))).filter((f) => f.startsWith(".paperboy-staging"))).toEqual([]);
}

describe("a failed build leaves the previous dist/ and content/ exactly as they were", () => {
  it("when the content is bad", async () => {
    const { root, templates } = await builtSite();
    await editEverything(root);
    await writeFile(path.join(root, "content/papers/2025-01-06/hostile.md"), "---\ntitle: T\nauthors:\n  - A\narxiv: \"2501.05555\"\n---\n[x](javascript:alert(1))\n");
    const before = { dist: await snapshotTree(path.join(root, "dist")), content: await snapshotTree(path.join(root, "content")) };
    const result = await build({ root, templatesDir: templates, env: {} });
    expect(result.diagnostics.map((d) => d.rule)).toEqual(["body/link"]);
    await expectUntouched(root, path.join(root, "dist"), before);
  });

  it("when a template does not parse", async () => {
    const { root, templates } = await builtSite();
    await editEverything(root);
    await writeFile(path.join(templates, "pages/paper.hbs"), `${await readFile(path.join(templates, "pages/paper.hbs"), "utf8")}\n{{#if page}}never closed\n`);
    const before = { dist: await snapshotTree(path.join(root, "dist")), content: await snapshotTree(path.join(root, "content")) };
    const result = await build({ root, templatesDir: templates, env: {} });
    expect(result.diagnostics.map((d) => `${d.file} ${d.rule}`)).toEqual(["templates/pages/paper.hbs template/syntax"]);
    await expectUntouched(root, path.join(root, "dist"), before);
  });

  it("when a partial is missing at render time", async () => {
    const { root, templates } = await builtSite();
    await editEverything(root);
    const card = path.join(templates, "partials/paper-card.hbs");
    await writeFile(card, (await readFile(card, "utf8")).replace("{{> author-list}}", "{{> no-such-partial}}"));
    const before = { dist: await snapshotTree(path.join(root, "dist")), content: await snapshotTree(path.join(root, "content")) };
    const result = await build({ root, templatesDir: templates, env: {} });
    expect(new Set(result.diagnostics.map((d) => d.rule))).toEqual(new Set(["template/render"]));
    expect(result.diagnostics[0]!.message).toContain("no-such-partial");
    await expectUntouched(root, path.join(root, "dist"), before);
  });

  asRoot("when the disk is full (a tmpfs filled to the last byte)", async () => {
    const { root } = await builtSite();
    const disk = path.join(root, "disk");
    await mkdir(disk);
    await run("mount", ["-t", "tmpfs", "-o", "size=6m", "tmpfs", disk]);
    try {
      const outDir = path.join(disk, "dist");
      expect((await cliBuild(root, ["--out", outDir])).code).toBe(0);
      // Fill what is left: the next write anywhere on this disk fails with ENOSPC.
      await run("sh", ["-c", `cat /dev/zero > "${path.join(disk, "filler")}"`]).catch(() => undefined);
      await editEverything(root);
      const before = { dist: await snapshotTree(outDir), content: await snapshotTree(path.join(root, "content")) };
      const second = await cliBuild(root, ["--out", outDir]);
      expect(second.code).toBe(1);
      expect(second.output).toMatch(/^could not write the site to .*: ENOSPC: no space left on device.*\n.*dist\/ was left as it was\.\n$/);
      await expectUntouched(root, outDir, before);
    } finally {
      await run("umount", ["-l", disk]);
    }
  });

  asRoot("when the output folder is read-only (the build run as an unprivileged user)", async () => {
    const { root } = await builtSite();
    await editEverything(root);
    await readableByAll(root);
    const before = { dist: await snapshotTree(path.join(root, "dist")), content: await snapshotTree(path.join(root, "content")) };
    const second = await cliBuild(root, [], NOBODY);
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/^could not write the site to .*: EACCES: permission denied.*\ndist\/ was left as it was\.\n$/);
    await expectUntouched(root, path.join(root, "dist"), before);
  });

  asRoot("when only part of the output folder is read-only: nothing is replaced unless everything can be", async () => {
    const { root } = await builtSite();
    await editEverything(root);
    await readableByAll(root);
    // The user may create the staging folder and write in dist/, but not in dist/papers/…/.
    await chown(root, NOBODY, NOBODY);
    await run("chown", ["-R", `${NOBODY}:${NOBODY}`, path.join(root, "dist")]);
    await run("chown", ["-R", "0:0", path.join(root, "dist", "papers")]);
    await chmod(path.join(root, "dist", "papers"), 0o755);
    const before = { dist: await snapshotTree(path.join(root, "dist")), content: await snapshotTree(path.join(root, "content")) };
    const second = await cliBuild(root, [], NOBODY);
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/^could not write the site to .*: EACCES: permission denied, rename .*\ndist\/ was left as it was\.\n$/);
    await expectUntouched(root, path.join(root, "dist"), before);
  });
});

describe("a project the build may not write to", () => {
  asRoot("builds into a writable output folder, keeping no cache or record of what it wrote", async () => {
    const root = await copyFixture("basic");
    await cp(THEME, path.join(root, "templates"), { recursive: true });
    await readableByAll(root);
    const out = await tempDir();
    await chown(out, NOBODY, NOBODY);
    const result = await cliBuild(root, ["--out", path.join(out, "dist")], NOBODY);
    expect(result.output).toMatch(/files written/);
    expect(result.code).toBe(0);
    expect(await readFile(path.join(out, "dist", "index.html"), "utf8")).toMatch(/^<!doctype html>/i);
    expect(await readdir(root)).not.toContain(".cache");
  });
});
