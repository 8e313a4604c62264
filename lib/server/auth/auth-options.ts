import "server-only";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import type { EmailConfig } from "next-auth/providers/email";
import { env } from "@/lib/env";
import { prisma } from "@/lib/server/db/client";
import { deliverSignInLink } from "./deliver-sign-in-link";

// Owner console sign-in: Auth.js (next-auth 4) with passwordless email links and database
// sessions in PostgreSQL through its Prisma adapter. Nobody can sign up: a link is sent only to
// an enabled console user, and the signIn callback refuses anyone else even with a valid link.

export const SIGN_IN_LINK_MAX_AGE_SECONDS = 15 * 60;
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  // Auth.js builds its links from NEXTAUTH_URL; the site's one origin is the only right answer,
  // and reading it from a request's Host header would let a forged header redirect a link.
  process.env.NEXTAUTH_URL = `${env.ORIGIN.replace(/\/$/, "")}/api/auth`;

  const emailProvider = {
    id: "email",
    type: "email",
    name: "Email",
    server: {},
    from: "Palm Aire Court",
    maxAge: SIGN_IN_LINK_MAX_AGE_SECONDS,
    options: {},
    sendVerificationRequest: ({ identifier, url }) => deliverSignInLink({ email: identifier, url }),
  } satisfies EmailConfig;

  cached = {
    adapter: PrismaAdapter(prisma),
    secret: env.AUTH_SECRET ?? devOnlySecret(),
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS },
    providers: [emailProvider],
    pages: { signIn: "/admin/sign-in", verifyRequest: "/admin/sign-in?sent=1", error: "/admin/sign-in" },
    callbacks: {
      async signIn({ user, email: emailStep }) {
        // Asking for a link is answered the same for every address (deliverSignInLink sends
        // only to console users); using a link requires an enabled console user.
        if (emailStep?.verificationRequest) return true;
        const email = user.email?.toLowerCase();
        if (!email) return false;
        const admin = await prisma.user.findUnique({ where: { email }, select: { disabled: true } });
        return Boolean(admin && !admin.disabled);
      },
      async redirect({ url, baseUrl }) {
        // Only ever back into this site's console.
        if (url.startsWith("/admin")) return `${baseUrl}${url}`;
        if (url.startsWith(`${baseUrl}/admin`)) return url;
        return `${baseUrl}/admin`;
      },
    },
  };
  return cached;
}

function devOnlySecret(): string {
  // The env schema requires AUTH_SECRET in production; elsewhere a per-process value is enough
  // (sessions are rows in the database, so they survive a restart regardless).
  const g = globalThis as { __palmAuthSecret?: string };
  g.__palmAuthSecret ??= crypto.randomUUID() + crypto.randomUUID();
  return g.__palmAuthSecret;
}
