import type { MetadataRoute } from "next";
import { siteOrigin } from "@/lib/server/site/guest-pages";

// Crawlers may read the guest pages; the owner console, the API and the per-guest pages
// (checkout, confirmation) are not for search results.
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  const origin = siteOrigin();
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/admin", "/api", "/checkout", "/bookings"] }],
    sitemap: `${origin}/sitemap.xml`,
    host: origin,
  };
}
