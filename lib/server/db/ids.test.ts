import { describe, expect, it, vi } from "vitest";
import { newId } from "./ids";

describe("newId", () => {
  it("has the shape of Prisma's cuids: c, then 24 lower-case letters and digits", () => {
    for (let i = 0; i < 200; i++) expect(newId()).toMatch(/^c[0-9a-z]{24}$/);
  });

  it("is new every time", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId()));
    expect(ids.size).toBe(10_000);
  });

  it("sorts by the time it was made, to the millisecond", () => {
    vi.useFakeTimers();
    try {
      // 2026-01-01T00:00:00Z is 1767225600000 ms, "mjuohs00" in base 36 (by repeated division by
      // 36 outside JavaScript): the same eight characters a Prisma cuid of that instant starts with.
      vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
      const earlier = newId();
      expect(earlier.slice(1, 9)).toBe("mjuohs00");
      vi.setSystemTime(new Date("2026-01-01T00:00:00.001Z"));
      const later = newId();
      expect(earlier < later).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
