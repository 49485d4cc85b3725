// The write stage: only changed files are written, atomically; a failure
// before the renames leaves the output folder as it was.
import { mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeOutput } from "../../scripts/output/write.ts";
import { listTree } from "../../scripts/util/list-tree.ts";
import { tempDir } from "../support/helpers.ts";

describe("writeOutput", () => {
  it("writes a fresh folder, then touches only what changed and removes what is gone", async () => {
    const dir = path.join(await tempDir(), "dist");
    const first = await writeOutput(dir, [
      { path: "index.html", contents: "home" },
      { path: "papers/a/index.html", contents: "a" },
      { path: "papers/b/index.html", contents: "b" },
    ]);
    expect(first.written.sort()).toEqual(["index.html", "papers/a/index.html", "papers/b/index.html"]);
    const before = await stat(path.join(dir, "papers/a/index.html"));
    await new Promise((resolve) => setTimeout(resolve, 20));

    const second = await writeOutput(dir, [
      { path: "index.html", contents: "home, edited" },
      { path: "papers/a/index.html", contents: new TextEncoder().encode("a") },
    ]);
    expect(second).toEqual({ written: ["index.html"], unchanged: 1, skipped: 0, removed: ["papers/b/index.html"] });
    expect((await stat(path.join(dir, "papers/a/index.html"))).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(path.join(dir, "index.html"), "utf8")).toBe("home, edited");
    expect(await listTree(dir)).toEqual(["index.html", "papers/a/index.html"]);
    // The emptied folder went with its file, and no staging folder is left behind.
    expect(await readdir(path.join(dir, "papers"))).toEqual(["a"]);
    expect((await readdir(path.dirname(dir))).filter((f) => f.startsWith(".paperboy-staging"))).toEqual([]);
  });

  it("writes many files in many folders, each whole, while later pages are still rendering", async () => {
    const dir = path.join(await tempDir(), "dist");
    const files = Array.from({ length: 300 }, (_, i) => ({ path: `p/${i % 7}/${i}/index.html`, contents: `page ${i} `.repeat(500) }));
    const report = await writeOutput(dir, files);
    expect(report.written).toHaveLength(300);
    for (const file of files) expect(await readFile(path.join(dir, file.path), "utf8")).toBe(file.contents);
  });

  it("brings a partial write's outputs up to date without touching the rest, even when none of them exist yet", async () => {
    const dir = path.join(await tempDir(), "dist");
    await writeOutput(dir, [
      { path: "index.html", contents: "home" },
      { path: "papers/a/index.html", contents: "a" },
    ]);
    await writeOutput(dir, [{ path: "papers/b/index.html", contents: "b" }], undefined, { partial: true });
    expect(await listTree(dir)).toEqual(["index.html", "papers/a/index.html", "papers/b/index.html"]);
  });

  it("refuses paths that would leave the output folder", async () => {
    const dir = path.join(await tempDir(), "dist");
    for (const bad of ["../escape.html", "/etc/passwd", "a/../../b", "a//b"]) {
      await expect(writeOutput(dir, [{ path: bad, contents: "x" }])).rejects.toThrow(/would leave the output folder/);
    }
    await expect(stat(dir)).rejects.toThrow();
  });

  it("leaves the previous output intact when staging fails (as on a full disk)", async () => {
    const parent = await tempDir();
    const dir = path.join(parent, "dist");
    await writeOutput(dir, [{ path: "index.html", contents: "old" }]);
    const before = await stat(path.join(dir, "index.html"));
    // A file where a folder must go makes the staging write fail part-way.
    const files = [
      { path: "index.html", contents: "new" },
      { path: "a", contents: "file" },
      { path: "a/b.html", contents: "cannot exist beside file a" },
    ];
    await expect(writeOutput(dir, files)).rejects.toThrow();
    expect(await readFile(path.join(dir, "index.html"), "utf8")).toBe("old");
    expect((await stat(path.join(dir, "index.html"))).mtimeMs).toBe(before.mtimeMs);
    expect(await listTree(dir)).toEqual(["index.html"]);
    expect((await readdir(parent)).filter((f) => f.startsWith(".paperboy-staging"))).toEqual([]);
  });

  it("rejects two outputs for the same path", async () => {
    const dir = path.join(await tempDir(), "dist");
    await mkdir(dir);
    await writeFile(path.join(dir, "keep.txt"), "kept");
    await expect(
      writeOutput(dir, [
        { path: "x.html", contents: "1" },
        { path: "x.html", contents: "2" },
      ]),
    ).rejects.toThrow(/two outputs/);
    expect(await listTree(dir)).toEqual(["keep.txt"]);
  });
});
