// A long listing → numbered pages. Page 1 keeps the listing's own address, so
// links to a tag or a month never break when it grows past one page.
import { pageRoute } from "./routes.ts";

/** One page of a listing. */
export interface Page<T> {
  /** 1-based. */
  number: number;
  /** How many pages the listing has (at least 1, even when empty). */
  total: number;
  /** Route of this page (`tags/llm/` for page 1, `tags/llm/page/2/` after). */
  route: string;
  items: T[];
}

/** Splits `items` into pages of `size`; an empty listing still has its page 1. */
export function paginate<T>(listingRoute: string, items: readonly T[], size: number): Page<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`internal error: page size ${size} is not a positive whole number, please report`);
  const total = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: total }, (_, index) => ({
    number: index + 1,
    total,
    route: pageRoute(listingRoute, index + 1),
    items: items.slice(index * size, (index + 1) * size),
  }));
}

/**
 * The page numbers a pager shows: all of them when there are few, else the
 * first, the last and two either side of the current one, with `null` where
 * numbers are left out.
 */
export function pageWindow(current: number, total: number, reach = 2): (number | null)[] {
  if (total <= 2 * reach + 5) return Array.from({ length: total }, (_, i) => i + 1);
  const shown: (number | null)[] = [];
  const from = Math.max(2, current - reach);
  const to = Math.min(total - 1, current + reach);
  shown.push(1);
  if (from > 2) shown.push(null);
  for (let n = from; n <= to; n++) shown.push(n);
  if (to < total - 1) shown.push(null);
  shown.push(total);
  return shown;
}
