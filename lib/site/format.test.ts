import { describe, expect, it } from "vitest";
import { formatDate, formatMoney, formatMoneyExact, formatTimeOfDay, fromIsoLocal, toIsoLocal } from "./format";
import { toSiteUnit } from "./types";

describe("site formatting", () => {
  it("formats money as currency", () => {
    expect(formatMoney(16500)).toBe("$165");
    expect(formatMoney(16550)).toBe("$165.50");
    expect(formatMoneyExact(123456)).toBe("$1,234.56");
    expect(formatMoneyExact(-4000)).toBe("-$40.00");
  });

  it("formats calendar dates without time-zone drift", () => {
    expect(formatDate("2026-12-05")).toBe("Sat, Dec 5, 2026");
    expect(toIsoLocal(fromIsoLocal("2027-02-28"))).toBe("2027-02-28");
  });

  it("formats times of day", () => {
    expect(formatTimeOfDay("15:00", "x")).toBe("3 pm");
    expect(formatTimeOfDay("10:30", "x")).toBe("10:30 am");
    expect(formatTimeOfDay("00:00", "x")).toBe("12 am");
    expect(formatTimeOfDay(undefined, "11 am")).toBe("11 am");
  });
});

describe("toSiteUnit", () => {
  it("accepts photo or photos and reads the from price", () => {
    const base = { id: "u1", slug: "essex", name: "Essex", type: "COTTAGE_2BR", capacity: 5, beds: 2, baths: 1 };
    expect(toSiteUnit({ ...base, photo: "/a.svg", fromNightlyCents: 16500 })).toMatchObject({ photo: "/a.svg", photos: ["/a.svg"], fromNightlyCents: 16500 });
    expect(toSiteUnit({ ...base, photos: ["/b.svg"], rates: { nightly: 100, currency: "USD" } })).toMatchObject({ photo: "/b.svg", fromNightlyCents: 100 });
    expect(toSiteUnit({ id: "x" })).toBeNull();
  });
});
