import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysInMonth, formatLongDate, fromUtcMs, isCalendarDate, isoWeekOf, isoWeekStart, monthOf, toUtcMs } from "../../scripts/util/dates.ts";

describe("calendar dates", () => {
  it("accepts real dates and rejects impossible ones", () => {
    expect(isCalendarDate("2025-10-06")).toBe(true);
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2025-02-30")).toBe(false);
    expect(isCalendarDate("2025-13-01")).toBe(false);
    expect(isCalendarDate("2025-00-10")).toBe(false);
    expect(isCalendarDate("2025-1-6")).toBe(false);
    expect(isCalendarDate("yesterday")).toBe(false);
  });

  it("formats a date as the same calendar day whatever the time zone", () => {
    // Dates are never Date objects at local midnight, so no zone can move them back a day.
    expect(formatLongDate("2025-10-06", "en")).toBe("October 6, 2025");
    expect(formatLongDate("2025-01-01", "en")).toBe("January 1, 2025");
  });

  it("computes ISO weeks, including at year boundaries", () => {
    expect(isoWeekOf("2025-10-06")).toBe("2025-W41");
    expect(isoWeekOf("2024-12-30")).toBe("2025-W01");
    expect(isoWeekOf("2021-01-03")).toBe("2020-W53");
    expect(isoWeekOf("2026-01-01")).toBe("2026-W01");
    expect(isoWeekStart("2025-W41")).toBe("2025-10-06");
    expect(monthOf("2025-10-06")).toBe("2025-10");
  });

  it("keeps every day of a week in the week that starts on its Monday", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), (offset) => {
        const date = addDays("1990-01-01", offset);
        const monday = isoWeekStart(isoWeekOf(date));
        const gap = (Date.parse(date) - Date.parse(monday)) / 86_400_000;
        return gap >= 0 && gap < 7 && new Date(Date.parse(monday)).getUTCDay() === 1;
      }),
    );
  });

  // Days since 1970-01-01 of a proleptic Gregorian date, by Howard Hinnant's days_from_civil: no Date involved.
  const daysFromCivil = (y: number, m: number, d: number) => {
    const year = m <= 2 ? y - 1 : y;
    const era = Math.floor(year / 400);
    const yoe = year - era * 400;
    const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  };
  const anyDate = fc.record({ year: fc.integer({ min: 0, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) });
  const write = (y: number, m: number, d: number) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

  it("is right for every year YYYY can write, 0000–9999, not only from 1900 (Date.UTC reads 0–99 as 1900–1999)", () => {
    expect(toUtcMs("0099-01-01")).toBe(daysFromCivil(99, 1, 1) * 86_400_000);
    expect(fromUtcMs(toUtcMs("0099-01-01"))).toBe("0099-01-01");
    expect(isCalendarDate("0100-02-29")).toBe(false);
    expect(isCalendarDate("0004-02-29")).toBe(true);
    // A Thursday, so week 1 of its own year (Date.UTC made it 1999-01-01, a Friday in 1998-W53).
    expect(isoWeekOf("0099-01-01")).toBe("0099-W01");
    fc.assert(
      fc.property(anyDate, ({ year, month, day }) => {
        const length = [31, leap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
        expect(daysInMonth(year, month)).toBe(length);
        const date = write(year, month, day);
        expect(isCalendarDate(date)).toBe(day <= length);
        if (day > length) return;
        expect(toUtcMs(date)).toBe(daysFromCivil(year, month, day) * 86_400_000);
        expect(fromUtcMs(toUtcMs(date))).toBe(date);
        // 0000-01-01 and 0000-01-02 fall in ISO year -1, which YYYY cannot write (see scripts/util/dates.ts).
        if (date < "0000-01-03") return;
        // Its ISO week starts on a Monday at most six days before it, and that week's Thursday is in the week's year.
        const week = isoWeekOf(date);
        const monday = isoWeekStart(week);
        const gap = daysFromCivil(year, month, day) - toUtcMs(monday) / 86_400_000;
        expect(gap >= 0 && gap < 7).toBe(true);
        expect((((toUtcMs(monday) / 86_400_000) % 7) + 7 + 3) % 7).toBe(0);
        expect(addDays(monday, 3).slice(0, 4)).toBe(week.slice(0, 4));
      }),
      { numRuns: 2000 },
    );
  });
});
