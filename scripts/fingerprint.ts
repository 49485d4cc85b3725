// Fingerprints of what an output file is made from, so a rebuild can skip
// rendering pages whose inputs did not change. A page's fingerprint covers its
// template set and its whole template context; papers inside the context count
// by identity (their cache key) plus every field of their view, so nothing a
// template can read escapes the fingerprint.
import { createHash } from "node:crypto";

interface Mark {
  identity: string;
  lazy: ReadonlySet<string>;
  /** What the object is derived from (a paper), reported as a dependency of every output that shows it. */
  source?: object;
  print?: string;
}

const marks = new WeakMap<object, Mark>();

/**
 * Marks an object (a paper's view, the shared site context) as standing for
 * `identity` in fingerprints. Its fields are hashed once per build, however
 * many pages show it; `lazy` fields (a body's HTML, loaded on demand) are left
 * unread and must be covered by `identity`.
 */
export function markFingerprinted<T extends object>(value: T, identity: string, lazy: readonly string[] = [], source?: object): T {
  marks.set(value, { identity, lazy: new Set(lazy), ...(source ? { source } : {}) });
  return value;
}

let collecting: Set<object> | undefined;

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const mark = marks.get(value);
  if (!mark) return value;
  if (mark.source) collecting?.add(mark.source);
  if (mark.print === undefined) {
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(value)) if (!mark.lazy.has(key)) fields[key] = (value as Record<string, unknown>)[key];
    // Marked objects hold plain data only (no marked objects inside), so the fast, replacer-free path serialises them.
    mark.print = hash(`${mark.identity}\0${JSON.stringify(fields)}`);
  }
  return `#${mark.print}`;
}

/** A short hash of strings. */
export function hash(text: string): string {
  return createHash("sha1").update(text).digest("base64url");
}

/** The fingerprint of an output made by `recipe` (template set, template name…) from `context`. */
export function fingerprint(recipe: string, context: unknown): string {
  return hash(`${recipe}\0${JSON.stringify(context, replacer)}`);
}

/** A fingerprint, and the sources (papers) of the marked objects the context holds: what the output depends on. */
export function fingerprintWithSources(recipe: string, context: unknown): { print: string; sources: Set<object> } {
  const sources = new Set<object>();
  collecting = sources;
  try {
    return { print: fingerprint(recipe, context), sources };
  } finally {
    collecting = undefined;
  }
}

const refreshers = new WeakMap<object, (() => void)[]>();

/**
 * Makes an object derived from `source` (a paper's view, its e-mail entry,
 * its citation) with `make`, marked for fingerprints with `source` as its
 * dependency. After `source` changes in place, `refreshDerived(source)`
 * rebuilds every such object in place, so the pages holding them see the new
 * data without being planned again (the dev server's fast rebuild).
 */
export function derive<T extends object>(source: object, make: () => { value: T; identity: string; lazy?: readonly string[] }): T {
  const first = make();
  const target = first.value;
  markFingerprinted(target, first.identity, first.lazy ?? [], source);
  const list = refreshers.get(source) ?? [];
  list.push(() => {
    const fresh = make();
    for (const key of Object.keys(target)) if (!(key in fresh.value)) delete (target as Record<string, unknown>)[key];
    Object.defineProperties(target, Object.getOwnPropertyDescriptors(fresh.value));
    markFingerprinted(target, fresh.identity, fresh.lazy ?? [], source);
  });
  refreshers.set(source, list);
  return target;
}

/** Rebuilds in place every object derived from `source` (see `derive`). */
export function refreshDerived(source: object): void {
  for (const refresh of refreshers.get(source) ?? []) refresh();
}

/**
 * An object whose fields are computed on first use, from `compute`, and counted
 * in fingerprints by `identity` alone: for data that is costly to derive and a
 * pure function of what `identity` names (a paper's citation, from its cache
 * key and citation key), so a page that is not rendered never derives it.
 */
export function lazyFields<T extends object>(keys: readonly (keyof T & string)[], compute: () => T): T {
  // Held weakly: computed once for the render that reads it, then free for the collector.
  let held: WeakRef<T> | undefined;
  const value = () => {
    let current = held?.deref();
    if (!current) held = new WeakRef((current = compute()));
    return current;
  };
  const target = {} as T;
  for (const key of keys) {
    Object.defineProperty(target, key, { enumerable: true, configurable: true, get: () => value()[key] });
  }
  return target;
}
