// What a command prints when another Paperboy build holds the compile cache
// and it waits for that build to finish: one line, naming who holds it.
import path from "node:path";
import type { CommandIO } from "./command-line.ts";
import { describeHolder, type LockHolder } from "../util/process-lock.ts";

/** The callback a build or check is given, printing the one line when it has to wait. */
export function waitingFor(io: CommandIO, root: string): (holder: LockHolder, file: string) => void {
  return (holder, file) => io.err(`Waiting for another Paperboy build (${describeHolder(holder)}) to finish; it holds ${path.relative(root, file)}.`);
}
