// A failed build, at any stage, leaves the previous dist/ exactly as it was
// (every file's bytes and modification time) and never touches content/: bad
// content, a template that does not parse, a partial missing at render time, a
// full disk, a read-only output folder, and one only partly read-only.
//
// The write failures are real, not mocked. The disk is a tmpfs filled to the
// last byte, which takes root to mount: root itself, or passwordless `sudo -n`
// as on GitHub's hosted runners. The read-only folders are enforced by file
// modes, which bind any user but root: an ordinary user runs the build as
// itself, and root runs it as `nobody` through setpriv. What cannot run here
// is skipped and reported at the end of the run (needs.ts), and fails under CI.
import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { build } from "../../scripts/commands/build.ts";
import { copyFixture, overrideTemplate, ROOT, snapshotTree, tempDir } from "../support/helpers.ts";
import { itNeeding } from "../support/needs.ts";
import { asRoot, IS_ROOT, ROOT_PRIVILEGE, UNPRIVILEGED_USER } from "../support/requirements.ts";

const run = promisify(execFile);
/** The command line, run with this very Node (a sudo or setpriv child would otherwise look node up on its own PATH). */
const CLI = [process.execPath, path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(ROOT, "scripts", "cli.ts")];
const NOBODY = 65534;

/** A fixture site built once, so that there is a dist/ to protect. */
async function builtSite(outDir = "dist"): Promise<{ root: string }> {
  const root = await copyFixture("basic");
  const first = await build({ root, env: {}, outDir });
  expect(first.diagnostics).toEqual([]);
  return { root };
}

/** An edit that changes every page, so that a second build has a lot to write. */
async function editEverything(root: string): Promise<void> {
  const config = path.join(root, "paperboy.config.yaml");
  await writeFile(config, (await readFile(config, "utf8")).replace("title: Fixture Digest", "title: Fixture Digest, Renamed"));
  await writeFile(
    path.join(root, "content/papers/2025-01-06/new-paper.md"),
    '---\ntitle: A New Paper\nauthors:\n  - Ada Lovelace\narxiv: "2501.04444"\n---\nNew.\n',
  );
}

/**
 * Runs the command line's build in `root` and returns its exit code and output;
 * `unprivileged` runs it as a user whom file modes bind (this user, or `nobody` when this is root).
 */
async function cliBuild(root: string, args: string[] = [], unprivileged = false): Promise<{ code: number; output: string }> {
  const env = { PATH: process.env.PATH ?? "", HOME: "/tmp" };
  const command =
    unprivileged && IS_ROOT
      ? ["setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--", ...CLI, "build", ...args]
      : [...CLI, "build", ...args];
  try {
    const { stdout, stderr } = await run(command[0]!, command.slice(1), { cwd: root, env });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, output: `${failure.stdout ?? ""}${failure.stderr ?? ""}` };
  }
}

const madeReadOnly: string[] = [];
afterEach(async () => {
  // Give write access back, so that the temp folders can be removed.
  for (const dir of madeReadOnly.splice(0)) await run("chmod", ["-R", "u+w", dir]);
});

/**
 * Takes away the unprivileged user's right to write in `dir` (and, with
 * `recursive`, below it). As root, that user is `nobody`: `dir` is given to root
 * and made readable by all; otherwise this user's own write bits are cleared.
 */
async function readOnly(dir: string, recursive = false): Promise<void> {
  if (IS_ROOT) {
    await run("chown", [...(recursive ? ["-R"] : []), "0:0", dir]);
    await run("chmod", [...(recursive ? ["-R"] : []), "a+rX,go-w", dir]);
  } else {
    madeReadOnly.push(dir);
    await run("chmod", [...(recursive ? ["-R"] : []), "a-w", dir]);
  }
}

/** Lets the unprivileged user read the whole site and write in `dirs` (as root: gives them to `nobody`). */
async function openTo(root: string, writable: string[] = []): Promise<void> {
  await run("chmod", ["-R", "a+rX", root]);
  if (IS_ROOT) for (const dir of writable) await run("chown", ["-R", `${NOBODY}:${NOBODY}`, dir]);
}

async function expectUntouched(root: string, outDir: string, before: { dist: Record<string, string>; content: Record<string, string> }): Promise<void> {
  expect(await snapshotTree(outDir)).toEqual(before.dist);
  expect(await snapshotTree(path.join(root, "content"))).toEqual(before.content);
  expect((await readdir(path.dirname(outDir))).filter((f) => f.startsWith(".paperboy-staging"))).toEqual([]);
}

describe("a failed build leaves the previous dist/ and content/ exactly as they were", () => {
  it("when the content is bad", async () => {
    const { root } = await builtSite();
    await editEverything(root);
    await writeFile(
      path.join(root, "content/papers/2025-01-06/hostile.md"),
      '---\ntitle: T\nauthors:\n  - A\narxiv: "2501.05555"\n---\n[x](javascript:alert(1))\n',
    );
    const before = { dist: await snapshotTree(path.join(root, "dist")), content: await snapshotTree(path.join(root, "content")) };
    const result = await build({ root, env: {} });
    expect(result.diagnostics.map((d) => d.rule)).toEqual(["body/link"]);
    await expectUntouched(root, path.join(root, "dist"), before);
  });

  it("when a template does not parse", async () => {
    const { root } = await builtSite();
    await editEverything(root);
    const page = await overrideTemplate(root, "pages/paper.hbs");
    await writeFile(page, `${await readFile(page, "utf8")}\n{{#if page}}never closed\n`);
    const before = { dist: await snapshotTree(path.join(root, "dist")), content: await snapshotTree(path.join(root, "content")) };
    const result = await build({ root, env: {} });
    expect(result.diagnostics.map((d) => `${d.file} ${d.rule}`)).toEqual(["templates/pages/paper.hbs template/syntax"]);
    await expectUntouched(root, path.join(root, "dist"), before);
  });

  it("when a partial is missing at render time", async () => {
    const { root } = await builtSite();
    await editEverything(root);
    const card = await overrideTemplate(root, "partials/paper-card.hbs");
    await writeFile(card, (await readFile(card, "utf8")).replace("{{> author-list}}", "{{> no-such-partial}}"));
    const before = { dist: await snapshotTree(path.join(root, "dist")), content: await snapshotTree(path.join(root, "content")) };
    const result = await build({ root, env: {} });
    expect(new Set(result.diagnostics.map((d) => d.rule))).toEqual(new Set(["template/render"]));
    expect(result.diagnostics[0]!.message).toContain("no-such-partial");
    await expectUntouched(root, path.join(root, "dist"), before);
  });

  itNeeding(ROOT_PRIVILEGE, "when the disk is full (a tmpfs filled to the last byte)", async () => {
    const { root } = await builtSite();
    const disk = path.join(root, "disk");
    await mkdir(disk);
    // mode=1777: whoever runs the tests may write on it, root or not.
    await run(...asRoot("mount", ["-t", "tmpfs", "-o", "size=6m,mode=1777", "tmpfs", disk]));
    try {
      const outDir = path.join(disk, "dist");
      expect((await cliBuild(root, ["--out", outDir])).code).toBe(0);
      // Fill what is left: the next write anywhere on this disk fails with ENOSPC.
      await writeFile(path.join(disk, "filler"), Buffer.alloc(8 * 1024 * 1024)).catch(() => undefined);
      await editEverything(root);
      const before = { dist: await snapshotTree(outDir), content: await snapshotTree(path.join(root, "content")) };
      const second = await cliBuild(root, ["--out", outDir]);
      expect(second.code).toBe(1);
      expect(second.output).toMatch(/^could not write the site to .*: ENOSPC: no space left on device.*\n.*dist\/ was left as it was\.\n$/);
      await expectUntouched(root, outDir, before);
    } finally {
      await run(...asRoot("umount", ["-l", disk]));
    }
  });

  itNeeding(UNPRIVILEGED_USER, "when the output folder is read-only (the build run as a user whom file modes bind)", async () => {
    const { root } = await builtSite();
    await editEverything(root);
    await openTo(root);
    await readOnly(root);
    await readOnly(path.join(root, "dist"), true);
    const before = { dist: await snapshotTree(path.join(root, "dist")), content: await snapshotTree(path.join(root, "content")) };
    const second = await cliBuild(root, [], true);
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/^could not write the site to .*: EACCES: permission denied.*\ndist\/ was left as it was\.\n$/);
    await expectUntouched(root, path.join(root, "dist"), before);
  });

  itNeeding(UNPRIVILEGED_USER, "when only part of the output folder is read-only: nothing is replaced unless everything can be", async () => {
    const { root } = await builtSite();
    await editEverything(root);
    // The user may create the staging folder and write in dist/, but not in dist/papers/…/.
    await openTo(root, [root]);
    await readOnly(path.join(root, "dist", "papers"), true);
    const before = { dist: await snapshotTree(path.join(root, "dist")), content: await snapshotTree(path.join(root, "content")) };
    const second = await cliBuild(root, [], true);
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/^could not write the site to .*: EACCES: permission denied, rename .*\ndist\/ was left as it was\.\n$/);
    await expectUntouched(root, path.join(root, "dist"), before);
  });
});

describe("a project the build may not write to", () => {
  itNeeding(UNPRIVILEGED_USER, "builds into a writable output folder, keeping no cache or record of what it wrote", async () => {
    const root = await copyFixture("basic");
    await openTo(root);
    await readOnly(root, true);
    const out = await tempDir();
    await openTo(out, [out]);
    const result = await cliBuild(root, ["--out", path.join(out, "dist")], true);
    expect(result.output).toMatch(/files written/);
    expect(result.code).toBe(0);
    expect(await readFile(path.join(out, "dist", "index.html"), "utf8")).toMatch(/^<!doctype html>/i);
    expect(await readdir(root)).not.toContain(".cache");
  });
});
