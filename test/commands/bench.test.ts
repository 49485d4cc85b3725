// A small smoke run of `npm run bench`, so the benchmark cannot rot. It asserts
// that every scenario ran and produced figures, never how fast they were:
// speed is measured by the benchmark itself, not by unit tests.
import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/helpers.ts";

const run = promisify(execFile);

describe("npm run bench (smoke run)", () => {
  it("measures every scenario on a small synthetic digest and prints the table", async () => {
    // Run from elsewhere: the benchmark writes its own synthetic site and never reads the repository's.
    const { stdout } = await run(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "scripts/cli.ts"), "bench", "--papers", "120", "--runs", "1"],
      {
        cwd: tmpdir(),
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    expect(stdout).toMatch(/Paperboy, 120 papers, median of 1 run\(s\)/);
    expect(stdout).toMatch(/Output: [\d,]+ files \([\d,]+ HTML pages\), [\d.]+ MiB/);
    const rows = stdout.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| Scenario"));
    expect(rows.map((row) => row.split("|")[1]!.trim())).toEqual([
      "Cold build (no cache, empty output)",
      "Warm rebuild, nothing changed",
      "One paper edited",
      "One paper added",
      "One template edited",
      "Dev server: one paper edited (in-process rebuild)",
    ]);
    for (const row of rows) expect(row).toMatch(/\| [\d.]+ s \| [\d.]+ ms \|/);
    // A warm rebuild writes nothing; an edit writes a few files, not the whole site.
    const written = (name: string) =>
      Number(
        rows
          .find((r) => r.includes(name))!
          .split("|")[5]!
          .trim(),
      );
    expect(written("Warm rebuild")).toBe(0);
    expect(written("One paper edited")).toBeGreaterThan(0);
    expect(written("One paper edited")).toBeLessThan(written("Cold build"));
  }, 600_000);
});

describe("the benchmark's corpus", () => {
  it("stays valid at arXiv scale: 100,000 papers reach back to 2007, each with an id arXiv used then", async () => {
    const { generateCorpus } = await import("../../scripts/commands/bench/corpus.ts");
    const { parseArxivId } = await import("../../scripts/util/arxiv-id.ts");
    const ids = generateCorpus(100_000).flatMap((file) => /^arxiv: "([^"]+)"$/m.exec(file.text)?.[1] ?? []);
    expect(ids.length).toBeGreaterThan(85_000);
    expect(ids.filter((id) => !parseArxivId(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    // Four-digit numbers before 2015, five after, as arXiv numbered them.
    expect(ids.filter((id) => id.startsWith("0801."))[0]).toMatch(/^0801\.\d{4}$/);
  }, 60_000);
});
