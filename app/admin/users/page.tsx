import type { Metadata } from "next";
import { UsersEditor } from "@/components/admin/users-editor";
import { listConsoleUsers } from "@/lib/server/admin/manage-console-users";
import { requireAdminPage } from "@/lib/server/auth/require-admin-page";

export const metadata: Metadata = { title: "People" };

export default async function UsersPage() {
  const me = await requireAdminPage("OWNER");
  const users = await listConsoleUsers();
  return (
    <>
      <h1>People who can use the console</h1>
      <p>Staff see the calendar, bookings and blocks; only owners change rates, settings and people.</p>
      <UsersEditor users={users.map((u) => ({ id: u.id, email: u.email, role: u.role, disabled: u.disabled }))} meId={me.id} />
    </>
  );
}
