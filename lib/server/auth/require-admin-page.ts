import "server-only";
import type { AdminRole } from "@prisma/client";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { SESSION_COOKIES, findAdminBySessionToken, type AdminUser } from "./session";

/** The signed-in console user of this page request, or null. */
export async function currentAdmin(): Promise<AdminUser | null> {
  const jar = cookies();
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  return findAdminBySessionToken(token);
}

/**
 * Every console page starts here: without a session it sends the browser to sign in; an
 * owner-only page answers staff with 404, as if it did not exist.
 */
export async function requireAdminPage(role: AdminRole = "STAFF"): Promise<AdminUser> {
  const user = await currentAdmin();
  if (!user) redirect("/admin/sign-in");
  if (role === "OWNER" && user.role !== "OWNER") notFound();
  return user;
}
