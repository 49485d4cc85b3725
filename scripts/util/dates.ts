// Calendar dates as plain `YYYY-MM-DD` strings. Arithmetic goes through UTC
// milliseconds only, so the machine's time zone can never move a day.
import type { CalendarDate } from "../types.ts";

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

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
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Milliseconds of the date's midnight in UTC, for feeds and sorting. */
export function toUtcMs(date: CalendarDate): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

/** The calendar date of a UTC timestamp. */
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
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Monday that starts an ISO week written `2025-W41`. */
export function isoWeekStart(week: string): CalendarDate {
  const [yearText, weekText] = week.split("-W") as [string, string];
  const jan4 = Date.UTC(Number(yearText), 0, 4);
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
