// `describe` and `it` for tests that need a program npm cannot supply (see
// requirements.ts): they run when it is there; otherwise they are skipped,
// recorded for the notice printed once at the end of the run, or, under
// CI=true, fail with what is missing and how to install it. One mechanism for
// every such test, so nothing is ever skipped silently.
import { describe, it, type TestFunction } from "vitest";
import { recordSkip, type Requirement } from "./requirements.ts";

const inCi = () => process.env.CI === "true";

/** Why the requirements cannot be met here (the first that fails), or undefined when they all can. */
function unmet(requirements: readonly Requirement[]): { requirement: Requirement; why: string } | undefined {
  for (const requirement of requirements) {
    const why = requirement.missing();
    if (why) return { requirement, why };
  }
  return undefined;
}

const failure = ({ requirement, why }: { requirement: Requirement; why: string }) =>
  new Error(`needs ${requirement.name}, but ${why}. CI=true runs every test; install it with ${requirement.install}.`);

/** A `describe` whose tests need every one of `requirements`. */
export function describeNeeding(requirements: Requirement | readonly Requirement[], name: string, body: () => void): void {
  const problem = unmet(([] as Requirement[]).concat(requirements));
  if (!problem) {
    describe(name, body);
    return;
  }
  recordSkip(problem.requirement, name);
  if (inCi()) {
    describe(name, () => {
      it(`needs ${problem.requirement.name}`, () => {
        throw failure(problem);
      });
    });
  } else describe.skip(`${name} (skipped: needs ${problem.requirement.name})`, body);
}

/** An `it` that needs every one of `requirements`. */
export function itNeeding(requirements: Requirement | readonly Requirement[], name: string, fn: TestFunction, timeout?: number): void {
  const problem = unmet(([] as Requirement[]).concat(requirements));
  if (!problem) {
    it(name, fn, timeout);
    return;
  }
  recordSkip(problem.requirement, name);
  if (inCi()) {
    it(name, () => {
      throw failure(problem);
    });
  } else it.skip(`${name} (skipped: needs ${problem.requirement.name})`, fn);
}
