// Worker threads do not inherit tsx's loader hooks (privatenumber/tsx#354), so
// a worker started from the TypeScript sources (tests, tsx) registers them
// itself before loading its entry; one started from the compiled copy
// (scripts/launch.mjs) loads its JavaScript entry as it is.
import { workerData } from "node:worker_threads";

if (workerData.entry.endsWith(".ts")) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import(workerData.entry);
