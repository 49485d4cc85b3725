// The code version is part of every compile-cache key and fingerprint: it must
// change when any file of the generator changes, in every folder, or a stale
// cached result would survive an upgrade.
import { cp, readdir, writeFile, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CODE_VERSION, codeVersionOf } from "../../scripts/util/code-version.ts";
import { ROOT, tempDir } from "../support/helpers.ts";

describe("the code version", () => {
  it("is the version of the generator's own source", () => {
    expect(codeVersionOf(path.join(ROOT, "scripts"))).toBe(CODE_VERSION);
  });

  it("changes when a file changes in any folder of scripts/, and when the lock file changes", async () => {
    const copy = await tempDir();
    await cp(path.join(ROOT, "scripts"), path.join(copy, "scripts"), { recursive: true });
    await cp(path.join(ROOT, "package-lock.json"), path.join(copy, "package-lock.json"));
    const scripts = path.join(copy, "scripts");
    const seen = new Set([codeVersionOf(scripts)]);
    const folders = (await readdir(scripts, { withFileTypes: true })).filter((e) => e.isDirectory() && e.name !== "theme").map((e) => e.name);
    expect(folders.length).toBeGreaterThanOrEqual(8);
    for (const folder of folders) {
      const file = (await readdir(path.join(scripts, folder))).find((name) => /\.(ts|mjs)$/.test(name))!;
      const target = path.join(scripts, folder, file);
      await writeFile(target, `${await readFile(target, "utf8")}\n// edited\n`);
      const after = codeVersionOf(scripts);
      expect(seen.has(after), `${folder}/${file}`).toBe(false);
      seen.add(after);
    }
    const cli = path.join(scripts, "cli.ts");
    await writeFile(cli, `${await readFile(cli, "utf8")}\n// edited\n`);
    expect(seen.has(codeVersionOf(scripts))).toBe(false);
    seen.add(codeVersionOf(scripts));
    await writeFile(path.join(copy, "package-lock.json"), "{}");
    expect(seen.has(codeVersionOf(scripts))).toBe(false);
  });
});
