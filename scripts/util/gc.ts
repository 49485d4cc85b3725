// V8's full garbage collection as a function, for the build's collection
// pacer. Turning the `--expose-gc` flag on changes the whole process, so only
// an entry point calls this, once, at start-up.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Turns on `--expose-gc` and returns `gc`, or undefined where the flag cannot be set. */
export function exposeCollector(): (() => void) | undefined {
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return undefined;
  }
}
