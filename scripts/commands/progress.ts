// A build's progress → what the person waiting sees. On a terminal, one live
// line redrawn in place (`\r`); in CI or a log file, a plain line now and
// then, since a redrawn line would fill a log with carriage returns. A build
// that ends within a second or two shows nothing: its closing counts suffice.
import type { BuildProgress } from "../types.ts";

/** Where progress goes and how it is paced; the clock is injected so tests need not wait. */
export interface ProgressOptions {
  stream: { write(text: string): unknown; isTTY?: boolean };
  /** Plain lines instead of a live one (CI, or output that is not a terminal). */
  plain: boolean;
  now?: () => number;
  /** Nothing is shown before this much of the build has passed. */
  delayMs?: number;
  /** A live line is redrawn at most this often. */
  redrawMs?: number;
  /** Plain lines come at most this often within one stage (a new stage may print sooner, after a second). */
  intervalMs?: number;
}

/** Reports a build's progress as it arrives, then clears the live line before the build's own result is printed. */
export interface ProgressReporter {
  update(progress: BuildProgress): void;
  finish(): void;
}

const STAGES: Record<BuildProgress["stage"], string> = {
  reading: "reading the content",
  compiling: "compiling papers",
  planning: "planning the pages",
  writing: "rendering and writing files",
};

/** Whether progress should be plain lines: in CI (`CI` set and not "false" or "0"), or when the stream is not a terminal. */
export function wantsPlainProgress(env: NodeJS.ProcessEnv, stream: { isTTY?: boolean }): boolean {
  const ci = env.CI !== undefined && env.CI !== "" && env.CI !== "false" && env.CI !== "0";
  return ci || !stream.isTTY;
}

/** One line of progress: `Building: compiling papers 1,200 of 10,000 (4 s)`. */
export function progressLine(progress: BuildProgress, elapsedMs: number): string {
  const counts = progress.total !== undefined ? ` ${(progress.done ?? 0).toLocaleString("en")} of ${progress.total.toLocaleString("en")}` : "";
  return `Building: ${STAGES[progress.stage]}${counts} (${Math.floor(elapsedMs / 1000)} s)`;
}

/** A reporter for one build, starting its clock now. */
export function progressReporter(options: ProgressOptions): ProgressReporter {
  const now = options.now ?? (() => performance.now());
  const { stream, plain } = options;
  const delay = options.delayMs ?? (plain ? 2000 : 1000);
  const redraw = options.redrawMs ?? 100;
  const interval = options.intervalMs ?? 5000;
  const started = now();
  let lastAt = -Infinity;
  let lastStage: BuildProgress["stage"] | undefined;
  let drawn = 0;

  return {
    update(progress) {
      const at = now();
      const elapsed = at - started;
      if (elapsed < delay) return;
      const line = progressLine(progress, elapsed);
      if (plain) {
        const newStage = progress.stage !== lastStage;
        if (at - lastAt < (newStage ? 1000 : interval)) return;
        stream.write(`${line}\n`);
        lastStage = progress.stage;
      } else {
        if (at - lastAt < redraw) return;
        // Spaces cover what is left of a longer line before; no escape codes, so any terminal shows it right.
        stream.write(`\r${line}${" ".repeat(Math.max(0, drawn - line.length))}`);
        drawn = Math.max(drawn, line.length);
      }
      lastAt = at;
    },
    finish() {
      if (drawn > 0) stream.write(`\r${" ".repeat(drawn)}\r`);
      drawn = 0;
    },
  };
}
