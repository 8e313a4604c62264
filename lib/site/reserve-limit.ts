import "server-only";
import { AppError } from "@/lib/server/errors";
import { enforceRateLimit } from "@/lib/server/http/rate-limit";
import type { ActionFailure } from "./checkout";

/**
 * The Reserve action's budget per client address, across all units (RESERVE_RATE_LIMIT_MAX per
 * RESERVE_RATE_LIMIT_WINDOW_SECONDS): the per-unit API limit alone let one visitor hold every
 * unit in turn. Returns the failure to show, or null when the reservation may go ahead.
 */
export async function checkReserveLimit(clientAddress: string | undefined): Promise<ActionFailure | null> {
  // Only a server that cannot tell clients apart has no address; production refuses to start
  // like that (lib/server/http/client-identity.ts), so this is development only.
  if (!clientAddress) return null;
  try {
    await enforceRateLimit("reserve", clientAddress);
    return null;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "RATE_LIMITED") throw error;
    const seconds = Number(error.headers?.["Retry-After"] ?? 60);
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return {
      ok: false,
      code: "RATE_LIMITED",
      message: `You have started several reservations in a short time. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or call us.`,
    };
  }
}
