import "server-only";
import { z } from "zod";
import { getPropertyInfo } from "@/lib/server/property/get-property-info";
import { listUnitFacts } from "@/lib/server/units/list-unit-facts";
import { listUnits } from "@/lib/server/units/list-units";
import { unitTypeLabel } from "../say";
import { defineTool } from "../types";

export const propertyInfoTool = defineTool({
  name: "property_info",
  title: "About the property",
  description:
    "The property's name, address, phone, email, time zone, check-in and check-out times, arrival instructions, and every unit " +
    "with its slug, type, capacity, beds, baths, lowest nightly price (cents), description, amenities and features.",
  input: z.strictObject({}),
  mutating: false,
  async run() {
    const [info, units, facts] = await Promise.all([getPropertyInfo(), listUnits(), listUnitFacts()]);
    const list = units.map((u) => {
      const f = facts.get(u.slug);
      return {
        slug: u.slug,
        name: u.name,
        type: u.type,
        capacity: u.capacity,
        beds: u.beds,
        baths: u.baths,
        fromNightlyCents: u.fromNightlyCents,
        currency: u.currency,
        description: f?.description ?? null,
        amenities: f?.amenities ?? [],
        features: f?.features ?? [],
      };
    });
    const counts = new Map<string, number>();
    for (const u of units) counts.set(unitTypeLabel(u.type), (counts.get(unitTypeLabel(u.type)) ?? 0) + 1);
    const kinds = [...counts].map(([label, n]) => `${n} ${label}${n === 1 ? "" : "s"}`).join(", ");
    const a = info.address;
    const say =
      `${info.name}, ${a.line1}${a.line2 ? `, ${a.line2}` : ""}, ${a.city}, ${a.region} ${a.postalCode}. ` +
      `Check-in from ${info.checkInTime}, check-out by ${info.checkOutTime}. ${units.length} units: ${kinds}.`;
    return { data: { ...info, units: list }, say };
  },
});
