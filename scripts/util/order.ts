// Orderings that do not depend on the machine: every sort whose result reaches
// the output goes through one of these, so the same input gives the same bytes
// under any locale.

/** Sorts by UTF-16 code units: the same order on every machine and locale. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
