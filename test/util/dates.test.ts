import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, formatLongDate, isCalendarDate, isoWeekOf, isoWeekStart, monthOf } from "../../scripts/util/dates.ts";

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
});
