import "server-only";
import { env } from "@/lib/env";
import { prisma } from "@/lib/server/db/client";
import { logger } from "@/lib/server/logger";
import { getMailTransport, mailFrom } from "@/lib/server/notifications/transport";
import { getPropertyInfo } from "@/lib/server/property/get-property-info";

/**
 * Sends a one-time console sign-in link, but only to an enabled console user: anyone may ask,
 * and the page answers the same either way, so the form does not reveal who works here. The link
 * goes straight to the SMTP relay, not through the outbox: it is a secret (never stored in an
 * outbox row) and useless after 15 minutes, so a retry minutes later would not help.
 */
export async function deliverSignInLink(options: { email: string; url: string }): Promise<void> {
  const email = options.email.toLowerCase();
  const user = await prisma.user.findUnique({ where: { email }, select: { disabled: true } });
  if (!user || user.disabled) {
    logger.info("console sign-in link requested for an address that is not a console user");
    return;
  }
  const transport = getMailTransport();
  if (transport) {
    const property = await getPropertyInfo();
    await transport.sendMail({
      from: mailFrom(property.name),
      to: email,
      subject: `Sign in to the ${property.name} owner console`,
      text: `Open this link to sign in to the owner console. It works once, for 15 minutes:\n\n${options.url}\n\nIf you did not ask to sign in, ignore this email.`,
    });
    return;
  }
  if (env.NODE_ENV !== "production") {
    // Development without a mail catcher: the link goes to the terminal that runs the server.
    console.info(`\n  Owner console sign-in link for ${email} (valid 15 minutes):\n  ${options.url}\n`);
    return;
  }
  logger.error("console sign-in link could not be sent: no mail transport (SMTP_URL) is configured");
}
