import type { Metadata } from "next";
import Link from "next/link";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { currentAdmin } from "@/lib/server/auth/require-admin-page";
import "./admin.css";

export const metadata: Metadata = { title: { default: "Owner console", template: "%s · Owner console" }, robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await currentAdmin();
  return (
    <div className="admin">
      {user && (
        <nav className="admin-nav" aria-label="Owner console">
          <Link href="/admin">Dashboard</Link>
          <Link href="/admin/board">Calendar</Link>
          <Link href="/admin/bookings">Bookings</Link>
          <Link href="/admin/blocks">Blocks</Link>
          {user.role === "OWNER" && (
            <>
              <Link href="/admin/rates">Rates and rules</Link>
              <Link href="/admin/channels">Channels</Link>
              <Link href="/admin/settings">Settings</Link>
              <Link href="/admin/users">People</Link>
              <Link href="/admin/log">Audit log</Link>
            </>
          )}
          <span className="admin-user">
            {user.email} ({user.role === "OWNER" ? "owner" : "staff"}) <SignOutButton />
          </span>
        </nav>
      )}
      {children}
    </div>
  );
}
