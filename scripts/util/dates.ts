// Calendar dates as plain `YYYY-MM-DD` strings. Arithmetic goes through UTC
// milliseconds only, so the machine's time zone can never move a day. Every
// function here is right for every year the pattern can write, 0000 to 9999:
// milliseconds come from `setUTCFullYear`, never from `Date.UTC`, which reads
// the years 0–99 as 1900–1999. The one exception is the ISO week of
// 0000-01-01 and 0000-01-02, which belongs to ISO year −1 and so has no
// `YYYY-Www` name; digest days start in 1970 (FIRST_DIGEST_YEAR).
import type { CalendarDate } from "../types.ts";

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** UTC milliseconds of a day of the proleptic Gregorian calendar; `monthIndex` 0 is January and may run over, like `Date.UTC`'s. */
function utcMs(year: number, monthIndex: number, day: number): number {
  return new Date(0).setUTCFullYear(year, monthIndex, day);
}

/**
 * The first year a digest day may have. A day folder names the day the digest
 * listed its papers, and feeds give each item that day as a timestamp: readers
 * and caches mishandle times before the Unix epoch, and no digest listed papers
 * then. A folder such as `0099-01-01` is a typo, not a day of year 99.
 */
export const FIRST_DIGEST_YEAR = 1970;

/**
 * The last year a digest day may have: the week and the month calendar around
 * a day run into the next year, and must stay within the four-digit years that
 * `YYYY-MM-DD` can write and string order sorts.
 */
export const LAST_DIGEST_YEAR = 9998;

/**
 * The first year a paper's `published` date may have: scientific journals began
 * in the 1660s, and a year written with a leading zero (`0999`) is a typo.
 */
export const FIRST_PUBLISHED_YEAR = 1000;

/** The year of a `YYYY-MM-DD` date. */
export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (rejects `2025-02-30`). */
export function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Number of days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month, 0)).getUTCDate();
}

/** Milliseconds of the date's midnight in UTC, for feeds and sorting. */
export function toUtcMs(date: CalendarDate): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return utcMs(year, month - 1, day);
}

/** The calendar date of a UTC timestamp (years 0000–9999). */
export function fromUtcMs(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date `days` later (or earlier, when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Today in UTC: the one place that reads the clock, for commands that ask for "today". */
export function todayUtc(now: Date = new Date()): CalendarDate {
  return now.toISOString().slice(0, 10);
}

/** `2025-10` for `2025-10-06`. */
export function monthOf(date: CalendarDate): string {
  return date.slice(0, 7);
}

/** ISO 8601 week of a date, as `2025-W41` (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekOf(date: CalendarDate): string {
  const ms = toUtcMs(date);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = ms + (3 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - utcMs(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${String(year).padStart(4, "0")}-W${String(week).padStart(2, "0")}`;
}

/** The Monday that starts an ISO week written `2025-W41`. */
export function isoWeekStart(week: string): CalendarDate {
  const [yearText, weekText] = week.split("-W") as [string, string];
  const jan4 = utcMs(Number(yearText), 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return fromUtcMs(jan4 - jan4Weekday * DAY_MS + (Number(weekText) - 1) * 7 * DAY_MS);
}

// A memo: a formatter depends only on its key, and making one costs far more than using it.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(language, { ...options, timeZone: "UTC" });
    formatters.set(key, cached);
  }
  return cached;
}

/** `October 6, 2025` (in the site's language). */
export function formatLongDate(date: CalendarDate, language: string): string {
  return formatter(language, { year: "numeric", month: "long", day: "numeric" }).format(toUtcMs(date));
}

/** `Oct 6` (in the site's language). */
export function formatShortDate(date: CalendarDate, language: string): string {
  return formatter(language, { month: "short", day: "numeric" }).format(toUtcMs(date));
}

/** `Monday, October 6, 2025` (in the site's language). */
export function formatWeekdayDate(date: CalendarDate, language: string): string {
  return formatter(language, { weekday: "long", year: "numeric", month: "long", day: "numeric" }).format(toUtcMs(date));
}

/** `October 2025` for `2025-10` (in the site's language). */
export function formatMonth(month: string, language: string): string {
  return formatter(language, { year: "numeric", month: "long" }).format(toUtcMs(`${month}-01`));
}

/** `Monday, October 6` (in the site's language), for a week's list of days. */
export function formatWeekdayMonthDay(date: CalendarDate, language: string): string {
  return formatter(language, { weekday: "long", month: "long", day: "numeric" }).format(toUtcMs(date));
}

/** `Mon` (in the site's language), for calendar column headings. */
export function formatWeekdayShort(date: CalendarDate, language: string): string {
  return formatter(language, { weekday: "short" }).format(toUtcMs(date));
}

/** `October 6 – 12, 2025` (in the site's language), for a week's span. */
export function formatDateRange(from: CalendarDate, to: CalendarDate, language: string): string {
  // A week's span is shown on each of its days, its pager neighbours and its digests; formatRange is slow enough to count.
  const key = `${language}\0${from}\0${to}`;
  let range = ranges.get(key);
  if (range === undefined) {
    range = formatter(language, { year: "numeric", month: "long", day: "numeric" }).formatRange(toUtcMs(from), toUtcMs(to));
    ranges.set(key, range);
  }
  return range;
}
// A memo: a range's text depends only on its key, and week pages ask for the same ones again and again.
const ranges = new Map<string, string>();
