import type { Metadata } from "next";
import Link from "next/link";
import { listAuditLog } from "@/lib/server/admin/list-audit-log";
import { requireAdminPage } from "@/lib/server/auth/require-admin-page";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ searchParams }: { searchParams: { page?: string } }) {
  await requireAdminPage("OWNER");
  const page = Math.max(1, Number.parseInt(searchParams.page ?? "1", 10) || 1);
  const { rows, total } = await listAuditLog({ page, pageSize: 50 });
  const pages = Math.max(1, Math.ceil(total / 50));
  return (
    <>
      <h1>Audit log</h1>
      <p>Every change made in the console, newest first. Entries cannot be edited or removed.</p>
      <div className="table-wrap">
        <table className="data">
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">On</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.at.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })}</td>
                <td>{r.actorEmail}</td>
                <td>{r.action}</td>
                <td>{r.entityType === "Booking" && r.entityId ? <Link href={`/admin/bookings/${r.entityId}`}>Booking</Link> : `${r.entityType}${r.entityId ? ` ${r.entityId}` : ""}`}</td>
                <td><code>{r.before === null ? "" : JSON.stringify(r.before)}</code></td>
                <td><code>{r.after === null ? "" : JSON.stringify(r.after)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Pages">
        {page > 1 ? <Link href={`/admin/log?page=${page - 1}`}>← Newer</Link> : null}
        <span>Page {page} of {pages}</span>
        {page < pages ? <Link href={`/admin/log?page=${page + 1}`}>Older →</Link> : null}
      </nav>
    </>
  );
}
