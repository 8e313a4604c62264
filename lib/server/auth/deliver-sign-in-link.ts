import "server-only";
import { env } from "@/lib/env";
import { prisma } from "@/lib/server/db/client";
import { logger } from "@/lib/server/logger";

/**
 * Sends a one-time console sign-in link, but only to an enabled console user: anyone may ask,
 * and the page answers the same either way, so the form does not reveal who works here.
 */
export async function deliverSignInLink(options: { email: string; url: string }): Promise<void> {
  const email = options.email.toLowerCase();
  const user = await prisma.user.findUnique({ where: { email }, select: { disabled: true } });
  if (!user || user.disabled) {
    logger.info("console sign-in link requested for an address that is not a console user");
    return;
  }
  if (env.NODE_ENV !== "production") {
    // Development has no mailbox of record: the link goes to the terminal that runs the server.
    console.info(`\n  Owner console sign-in link for ${email} (valid 15 minutes):\n  ${options.url}\n`);
    return;
  }
  logger.error("console sign-in link could not be sent: no mail transport is configured");
}
