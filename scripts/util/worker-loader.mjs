// Worker threads do not inherit tsx's loader hooks (privatenumber/tsx#354), so
// each render worker registers them itself before loading its TypeScript entry.
import { register } from "tsx/esm/api";
import { workerData } from "node:worker_threads";

register();
await import(workerData.entry);
