// Fingerprints of what an output file is made from, so a rebuild can skip
// rendering pages whose inputs did not change. A page's fingerprint covers its
// template set and its whole template context, in which objects derived from
// a paper (its view, its citation) count by an identity naming the paper's
// cache key, which changes with anything the paper is made from.
//
// One `Fingerprints` belongs to one plan of the site: the marks it keeps are
// that plan's, so two builds (the dev server's successive rebuilds, tests in
// parallel) never see each other's.
import { createHash } from "node:crypto";
import type { Paper } from "../types.ts";

interface Mark {
  identity: string;
  /** The paper the object shows, reported as a dependency of every output that holds it. */
  source?: Paper;
}

/** A short hash of strings. */
export function hash(text: string): string {
  return createHash("sha1").update(text).digest("base64url");
}

/** The fingerprint of plain data (no marked objects): a feed's items, a search shard's papers. */
export function fingerprintData(recipe: string, data: unknown): string {
  return hash(`${recipe}\0${JSON.stringify(data)}`);
}

/** The marks of one plan of the site, and the fingerprints of its outputs' contexts. */
export class Fingerprints {
  private readonly marks = new WeakMap<object, Mark>();

  /**
   * Marks an object (a paper's view, the shared site context) as standing for
   * `identity` in fingerprints: its fields are not read, so a page that is not
   * rendered never computes them. The identity must determine the object's
   * content, given the site's configuration, which every page's fingerprint
   * covers: a paper's view is a function of the paper (its cache key) alone.
   * `source` is the paper it shows, reported as a dependency of every output
   * whose context holds it.
   */
  mark<T extends object>(value: T, identity: string, source?: Paper): T {
    this.marks.set(value, { identity, ...(source ? { source } : {}) });
    return value;
  }

  /** The fingerprint of an output made by `recipe` (template set, template name…) from `context`, and the papers it shows. */
  of(recipe: string, context: unknown): { print: string; sources: Set<Paper> } {
    const sources = new Set<Paper>();
    const marks = this.marks;
    const replacer = function (this: unknown, _key: string, value: unknown): unknown {
      if (value === null || typeof value !== "object") return value;
      const mark = marks.get(value);
      if (!mark) return value;
      if (mark.source) sources.add(mark.source);
      return `#${mark.identity}`;
    };
    return { print: hash(`${recipe}\0${JSON.stringify(context, replacer)}`), sources };
  }
}

/**
 * An object whose fields are computed on first use, from `compute`: for data
 * that is costly to derive (a paper's citation), so a page that is not
 * rendered never derives it. Marked with an identity, it counts in
 * fingerprints without being computed.
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
