import "server-only";
import { revalidatePath } from "next/cache";
import { logger } from "@/lib/server/logger";

// The guest pages (home, unit pages, sitemap) are rendered once and served from Next's cache.
// Whatever writes a unit, a rate or a photo calls revalidateGuestPages() after its transaction
// commits, so the next request renders the pages again from the database.
//
// One call marks every guest page stale: units, rates and photos change a few times a year, a
// unit's price also shows on the home page and in the sitemap, and a handful of re-renders cost
// less than tracking which page shows what.

/**
 * Marks the cached guest pages stale; the next request for each renders it again. Call it after
 * the write has committed (a render started before the commit would cache the old data).
 * Outside a Next.js server (scripts, tests calling services directly) there is no page cache:
 * the call does nothing and says so at debug level.
 */
export function revalidateGuestPages(reason: string): void {
  try {
    revalidatePath("/", "layout");
  } catch (error) {
    // Next throws "static generation store missing" when no request context exists.
    logger.debug({ reason, err: error }, "guest pages not revalidated: no Next.js request context");
    return;
  }
  logger.info({ reason }, "guest pages revalidated");
}
