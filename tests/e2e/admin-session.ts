import { randomBytes } from "node:crypto";
import type { BrowserContext } from "@playwright/test";
import type { Client } from "pg";

// A console user with a live session, as a sign-in link would leave, put into a browser context
// as Auth.js's cookie. Returns a clean-up function that removes the user and their sessions.
export async function signInAs(db: Client, context: BrowserContext, role: "OWNER" | "STAFF") {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@palmairecourt.test`;
  const id = `e2e${randomBytes(8).toString("hex")}`;
  const token = randomBytes(32).toString("hex");
  await db.query(`INSERT INTO "User" (id, email, role, "updatedAt") VALUES ($1, $2, $3, now())`, [id, email, role]);
  // The expiry from this process's clock, not the database's now(): under libfaketime the app
  // server runs on the shifted clock and the already-running PostgreSQL on the real one.
  const expires = new Date(Date.now() + 3_600_000);
  await db.query(`INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, $4)`, [`s${id}`, token, id, expires]);
  const url = new URL(process.env.E2E_BASE_URL!);
  await context.addCookies([{ name: "next-auth.session-token", value: token, domain: url.hostname, path: "/", httpOnly: true, sameSite: "Lax" }]);
  return {
    email,
    cleanup: async () => {
      await db.query(`DELETE FROM "Session" WHERE "userId" = $1`, [id]);
      await db.query(`UPDATE "User" SET disabled = true WHERE id = $1`, [id]);
    },
  };
}
