// One process at a time in a folder: a lock file created with O_EXCL, naming the
// process that holds it. Builds and checks take it beside the compile cache folder,
// so two at once never write the same cache, manifest or output folder; the
// second waits for the first.
//
// A lock left by a process that was killed is stale, and the next one removes
// it: its process no longer exists, or (on Linux, where the kernel says when a
// process started) the number now belongs to a process started at another time.
// Staleness is decided by the holder's existence, not by a heartbeat the holder
// must keep writing (proper-lockfile's way): a build spends seconds at a time in
// synchronous work, and a heartbeat missed then would hand its lock to another
// build while it still runs. An OS lock (flock) would be released by the kernel
// itself, but Node has none without a native add-on.
import { randomBytes } from "node:crypto";
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

/** Who holds a lock, as its file records it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the holder took the lock (ISO 8601), for messages. */
  since: string;
  /** When the holder's process started, where the system says (Linux); tells a reused process number apart. */
  started?: string;
  /** Tells this holding of the lock apart from any other, so a release or a takeover never removes another's. */
  nonce: string;
}

/** A lock held by this process; `release` gives it up (and does nothing if it was lost). */
export interface HeldLock {
  /** The lock file, or undefined when the folder cannot be written and no lock could be taken. */
  readonly file: string | undefined;
  release(): void;
}

/** The wait for a lock ran out: the holder is still running. */
export class LockTimeoutError extends Error {
  constructor(
    readonly holder: LockHolder,
    readonly file: string,
  ) {
    super(`another Paperboy process (${describeHolder(holder)}) still holds ${file}`);
    this.name = "LockTimeoutError";
  }
}

/** `process 1234 on this machine, since 2025-10-06T10:00:00Z`, for messages. */
export function describeHolder(holder: LockHolder): string {
  return `process ${holder.pid}${holder.host === hostname() ? "" : ` on ${holder.host}`}, since ${holder.since}`;
}

/** When process `pid` started, in the kernel's clock ticks since boot (Linux), or undefined where that cannot be read. */
export function processStarted(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces: state is the first, start time the twentieth.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return "exited";
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    return `${boot}:${fields[19]}`;
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote `holder` is still running (on another machine: assumed so, since it cannot be asked). */
export function holderAlive(holder: Pick<LockHolder, "pid" | "host" | "started">): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists, as another user's.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const started = processStarted(holder.pid);
  if (started === "exited") return false;
  return holder.started === undefined || started === undefined || started === holder.started;
}

function readHolder(file: string): LockHolder | undefined | "unreadable" {
  try {
    return parseHolder(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function parseHolder(text: string): LockHolder | "unreadable" {
  try {
    const holder = JSON.parse(text) as LockHolder;
    return typeof holder?.pid === "number" && typeof holder.nonce === "string" ? holder : "unreadable";
  } catch {
    return "unreadable";
  }
}

const nonceOf = (text: string) => {
  const holder = parseHolder(text);
  return holder === "unreadable" ? undefined : holder.nonce;
};

/** How long a lock file that holds no readable holder may stay before it counts as stale (its writer was killed between creating and filling it). */
const UNREADABLE_GRACE_MS = 10_000;

/**
 * Takes the lock `name` in `dir`, waiting while a live process holds it. `onWait`
 * is told once, when waiting starts. A folder that cannot be written gives no
 * lock and no error: whatever it would guard cannot be written either.
 */
export async function acquireLock(
  dir: string,
  options: { name?: string; onWait?: (holder: LockHolder, file: string) => void; timeoutMs?: number; pollMs?: number } = {},
): Promise<HeldLock> {
  const file = path.join(dir, options.name ?? "build.lock");
  const poll = options.pollMs ?? 200;
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  let told = false;
  for (;;) {
    const mine: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), nonce: randomBytes(8).toString("hex") };
    const started = processStarted(process.pid);
    if (started) mine.started = started;
    const created = tryCreate(dir, file, mine);
    if (created === "unwritable") return { file: undefined, release: () => undefined };
    if (created) return { file, release: () => release(file, mine.nonce) };
    const holder = readHolder(file);
    if (holder === undefined) continue;
    if (holder === "unreadable") {
      if (Date.now() - mtimeOf(file) > UNREADABLE_GRACE_MS) removeIf(file, (text) => parseHolder(text) === "unreadable");
      else await sleep(poll);
      continue;
    }
    if (!holderAlive(holder)) {
      removeIf(file, (text) => nonceOf(text) === holder.nonce);
      continue;
    }
    if (!told) {
      told = true;
      options.onWait?.(holder, file);
    }
    if (Date.now() >= deadline) throw new LockTimeoutError(holder, file);
    await sleep(poll);
  }
}

function tryCreate(dir: string, file: string, holder: LockHolder): boolean | "unwritable" {
  let fd: number;
  try {
    mkdirSync(dir, { recursive: true });
    fd = openSync(file, "wx");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") return "unwritable";
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes the lock file if it is still the one judged stale: it is first moved
 * aside (atomic), then checked; had another process taken the lock in between,
 * its file is put back where it was.
 */
function removeIf(file: string, stillStale: (text: string) => boolean): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const text = readFileSync(aside, "utf8");
  if (!stillStale(text)) {
    try {
      linkSync(aside, file);
    } catch {
      // A third process took the lock meanwhile; the one moved aside is the older.
    }
  }
  unlinkSync(aside);
}

function release(file: string, nonce: string): void {
  removeIf(file, (text) => nonceOf(text) === nonce);
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
