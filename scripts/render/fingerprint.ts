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

interface Mark {
  identity: string;
  /** What the object is derived from (a paper), reported as a dependency of every output that shows it. */
  source?: object;
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
  private readonly refreshers = new WeakMap<object, (() => void)[]>();

  /**
   * `tracking` turns on the bookkeeping the dev server's in-place rebuilds
   * need (what each output shows, how to rebuild derived objects); a one-off
   * build leaves it off.
   */
  constructor(readonly tracking = false) {}

  /**
   * Marks an object (a paper's view, the shared site context) as standing for
   * `identity` in fingerprints: its fields are not read, so a page that is not
   * rendered never computes them. The identity must determine the object's
   * content, given the site's configuration, which every page's fingerprint
   * covers: a paper's view is a function of the paper (its cache key) alone.
   */
  mark<T extends object>(value: T, identity: string, source?: object): T {
    this.marks.set(value, { identity, ...(source ? { source } : {}) });
    return value;
  }

  /** The fingerprint of an output made by `recipe` (template set, template name…) from `context`. */
  of(recipe: string, context: unknown): string {
    return this.print(recipe, context);
  }

  /** A fingerprint, and the sources (papers) of the marked objects the context holds: what the output depends on. */
  withSources(recipe: string, context: unknown): { print: string; sources: Set<object> } {
    const sources = new Set<object>();
    return { print: this.print(recipe, context, sources), sources };
  }

  private print(recipe: string, context: unknown, sources?: Set<object>): string {
    const marks = this.marks;
    const replacer = function (this: unknown, _key: string, value: unknown): unknown {
      if (value === null || typeof value !== "object") return value;
      const mark = marks.get(value);
      if (!mark) return value;
      if (mark.source) sources?.add(mark.source);
      return `#${mark.identity}`;
    };
    return hash(`${recipe}\0${JSON.stringify(context, replacer)}`);
  }

  /**
   * Makes an object derived from `source` (a paper's view, its e-mail entry,
   * its citation) with `make`, marked for fingerprints with `source` as its
   * dependency. While tracking, `refresh(source)` after `source` changed in
   * place rebuilds every such object in place, so the pages holding them see
   * the new data without being planned again (the dev server's fast rebuild).
   */
  derive<T extends object>(source: object, make: () => { value: T; identity: string }): T {
    const first = make();
    const target = first.value;
    this.mark(target, first.identity, source);
    if (!this.tracking) return target;
    const list = this.refreshers.get(source) ?? [];
    list.push(() => {
      const fresh = make();
      for (const key of Object.keys(target)) if (!(key in fresh.value)) delete (target as Record<string, unknown>)[key];
      Object.defineProperties(target, Object.getOwnPropertyDescriptors(fresh.value));
      this.mark(target, fresh.identity, source);
    });
    this.refreshers.set(source, list);
    return target;
  }

  /** Rebuilds in place every object derived from `source` (see `derive`). */
  refresh(source: object): void {
    for (const refresh of this.refreshers.get(source) ?? []) refresh();
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
