import type { MetadataRoute } from "next";
import { listUnits } from "@/lib/server/units/list-units";
import { siteOrigin } from "@/lib/server/site/guest-pages";

// The home page and every active unit (inactive units are not offered, so not listed). Read on
// each request: crawlers fetch it rarely, and it is never stale after a unit is retired.
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const origin = siteOrigin();
  const units = await listUnits();
  return [
    { url: `${origin}/`, changeFrequency: "weekly", priority: 1 },
    ...units.map((unit) => ({ url: `${origin}/units/${unit.slug}`, changeFrequency: "weekly" as const, priority: 0.8 })),
  ];
}
