// A long build shows where it is: a live line on a terminal, plain lines now
// and then in CI; and the build reports its stages and counts to show.
// The reporter's clock is injected, so nothing here waits.
import { describe, expect, it } from "vitest";
import { build } from "../../scripts/commands/build.ts";
import { progressLine, progressReporter, wantsPlainProgress } from "../../scripts/commands/progress.ts";
import type { BuildProgress } from "../../scripts/types.ts";
import { copyFixture, THEME } from "../support/helpers.ts";

/** A stream that records what was written, and a clock the test moves. */
function harness(isTTY: boolean) {
  const written: string[] = [];
  let now = 0;
  return {
    written,
    stream: { write: (text: string) => void written.push(text), isTTY },
    now: () => now,
    at: (ms: number) => (now = ms),
  };
}

const compiling = (done: number): BuildProgress => ({ stage: "compiling", done, total: 10_000 });

describe("progress in CI and logs (plain lines)", () => {
  it("says nothing in the first two seconds, then a line at a new stage and every five seconds within one", () => {
    const h = harness(false);
    const reporter = progressReporter({ stream: h.stream, plain: true, now: h.now });
    h.at(500);
    reporter.update({ stage: "reading" });
    h.at(1900);
    reporter.update(compiling(100));
    expect(h.written).toEqual([]);
    h.at(2100);
    reporter.update(compiling(400));
    h.at(4000);
    reporter.update(compiling(2000));
    h.at(7200);
    reporter.update(compiling(6000));
    h.at(7500);
    reporter.update({ stage: "planning" });
    h.at(8600);
    reporter.update({ stage: "writing", done: 10, total: 52_000 });
    reporter.finish();
    expect(h.written).toEqual([
      "Building: compiling papers 400 of 10,000 (2 s)\n",
      "Building: compiling papers 6,000 of 10,000 (7 s)\n",
      "Building: rendering and writing files 10 of 52,000 (8 s)\n",
    ]);
  });

  it("is chosen in CI and whenever the output is not a terminal", () => {
    expect(wantsPlainProgress({ CI: "true" }, { isTTY: true })).toBe(true);
    expect(wantsPlainProgress({}, { isTTY: false })).toBe(true);
    expect(wantsPlainProgress({}, {})).toBe(true);
    expect(wantsPlainProgress({}, { isTTY: true })).toBe(false);
    expect(wantsPlainProgress({ CI: "false" }, { isTTY: true })).toBe(false);
  });
});

describe("progress on a terminal (a live line)", () => {
  it("redraws one line in place after a second, at most every 100 ms, and clears it at the end", () => {
    const h = harness(true);
    const reporter = progressReporter({ stream: h.stream, plain: false, now: h.now });
    h.at(800);
    reporter.update(compiling(10));
    h.at(1000);
    reporter.update(compiling(160));
    h.at(1050);
    reporter.update(compiling(200));
    h.at(1200);
    reporter.update({ stage: "planning" });
    reporter.finish();
    const first = `\r${progressLine(compiling(160), 1000)}`;
    const second = `\r${progressLine({ stage: "planning" }, 1200)}`;
    expect(h.written).toEqual([first, `${second}${" ".repeat(first.length - second.length)}`, `\r${" ".repeat(first.length - 1)}\r`]);
    expect(h.written.join("")).not.toContain("\n");
  });

  it("leaves a short build's output alone", () => {
    const h = harness(true);
    const reporter = progressReporter({ stream: h.stream, plain: false, now: h.now });
    h.at(300);
    reporter.update(compiling(10_000));
    reporter.finish();
    expect(h.written).toEqual([]);
  });
});

describe("what the build reports", () => {
  it("goes through its stages in order, with counts that reach their totals", async () => {
    const root = await copyFixture("basic");
    const events: BuildProgress[] = [];
    const result = await build({ root, templatesDir: THEME, env: {}, onProgress: (progress) => events.push(progress) });
    expect(result.diagnostics).toEqual([]);
    const stages = events.map((e) => e.stage).filter((stage, i, all) => stage !== all[i - 1]);
    expect(stages).toEqual(["reading", "compiling", "planning", "writing"]);
    const compiled = events.filter((e) => e.stage === "compiling");
    expect(compiled[0]).toEqual({ stage: "compiling", done: 0, total: result.stats!.compiled });
    expect(compiled.at(-1)).toEqual({ stage: "compiling", done: result.stats!.compiled, total: result.stats!.compiled });
    const writing = events.filter((e) => e.stage === "writing");
    expect(writing.length).toBeGreaterThan(10);
    expect(writing.at(-1)!.done).toBe(writing.at(-1)!.total);
    expect(writing.map((e) => e.done)).toEqual([...writing.map((e) => e.done!)].sort((a, b) => a - b));
  });
});
