// CI's fork job: the fork story of test/project/fork.test.ts (a site of its
// own, upstream's later change, the merge), then check, build, verify and the
// WHOLE test suite inside the merged fork, browsers and benchmark included.
//   node --import tsx test/support/rehearse-fork.ts
// Exits non-zero, with the output of what failed, if anything does.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { forkCli, forkSuite, rehearseFork } from "./fork.ts";

const base = await mkdtemp(path.join(tmpdir(), "paperboy-fork-"));
let failed = false;
try {
  const story = await rehearseFork(base);
  console.log(`Fork rehearsal in ${story.fork}`);
  if (story.conflicts.length > 0) throw new Error(`the merge left conflicts in ${story.conflicts.join(", ")}:\n${story.merge}`);
  console.log("- merged upstream's change to the generator and the theme: no conflicts");
  for (const command of ["check", "build", "verify"]) {
    const { code, output } = await forkCli(story.fork, command);
    console.log(`- npm run ${command}: ${code === 0 ? "passed" : `FAILED (exit ${code})`}\n${output.trim().replace(/^/gm, "    ")}`);
    failed ||= code !== 0;
  }
  const suite = await forkSuite(story.fork, { full: true });
  console.log(`- the whole test suite: ${suite.code === 0 ? "passed" : `FAILED (exit ${suite.code})`}`);
  process.stdout.write(suite.output);
  failed ||= suite.code !== 0;
} catch (error) {
  console.error(`fork rehearsal failed: ${(error as Error).message}`);
  failed = true;
} finally {
  await rm(base, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
