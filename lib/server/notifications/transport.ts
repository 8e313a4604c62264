import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

// SMTP through nodemailer: any relay (Postmark, Resend, SES, a local catcher) from SMTP_URL.

const globalForMail = globalThis as unknown as { __palmMailer?: { url: string; transport: Transporter } };

/** The transport for SMTP_URL, or null while none is configured or NOTIFICATIONS=off. */
export function getMailTransport(): Transporter | null {
  const url = env.SMTP_URL;
  if (!url || env.NOTIFICATIONS === "off") return null;
  if (globalForMail.__palmMailer?.url !== url) {
    globalForMail.__palmMailer = { url, transport: createMailTransport(url) };
  }
  return globalForMail.__palmMailer.transport;
}

export function createMailTransport(url: string): Transporter {
  // Bounded waits: a hung relay must fail the attempt (and be retried later), not hold the
  // sender's lease for minutes.
  const options = nodemailer.createTransport(url).options as Record<string, unknown>;
  return nodemailer.createTransport({ ...options, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
}

/** The sender address: MAIL_FROM, or outside production a local one so development needs none. */
export function mailFrom(propertyName: string): string {
  return env.MAIL_FROM ?? `"${propertyName}" <bookings@${new URL(env.ORIGIN).hostname}>`;
}
