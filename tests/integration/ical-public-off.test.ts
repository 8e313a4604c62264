import { describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/v1/units/[id]/ical.ics/route";
import { callRoute } from "../support/call-route";
import { createUnit } from "../support/factories";

// ICAL_PUBLIC_FEED=false: the owner has moved every channel to its secret export URL.
vi.hoisted(() => {
  process.env.ICAL_PUBLIC_FEED = "false";
});

describe("GET /api/v1/units/[id]/ical.ics with ICAL_PUBLIC_FEED=false", () => {
  it("answers 404 for every unit", async () => {
    const unit = await createUnit();
    for (const ref of [unit.id, unit.slug]) {
      const res = await callRoute(GET, { path: `/api/v1/units/${ref}/ical.ics`, params: { id: ref } });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
      expect(res.text).not.toContain("BEGIN:VCALENDAR");
    }
  });
});
