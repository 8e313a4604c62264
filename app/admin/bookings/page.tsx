import type { Metadata } from "next";
import Link from "next/link";
import { bookingListQuery } from "@/lib/api/schemas/admin";
import { listBookings } from "@/lib/server/admin/list-bookings";
import { requireAdminPage } from "@/lib/server/auth/require-admin-page";
import { prisma } from "@/lib/server/db/client";
import { formatDate, formatMoney } from "@/lib/site/format";

export const metadata: Metadata = { title: "Bookings" };

export default async function BookingsPage({ searchParams }: { searchParams: Record<string, string | undefined> }) {
  await requireAdminPage();
  const given = Object.fromEntries(Object.entries(searchParams).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = bookingListQuery.safeParse(given);
  const query = parsed.success ? parsed.data : bookingListQuery.parse({});
  const [{ rows, total, page, pageSize }, units] = await Promise.all([
    listBookings(query),
    prisma.unit.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const params = new URLSearchParams(Object.entries(query).filter(([k, v]) => v !== undefined && k !== "page").map(([k, v]) => [k, String(v)]));
  const pageLink = (p: number) => `/admin/bookings?${new URLSearchParams({ ...Object.fromEntries(params), page: String(p) })}`;
  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <>
      <h1>Bookings</h1>
      <p><Link className="button button-primary" href="/admin/bookings/new">New booking</Link></p>
      {!parsed.success && <p role="alert" className="notice notice-error">Some filters were not understood and were ignored.</p>}
      <form className="filters" method="get" role="search">
        <label>Search<input name="q" defaultValue={query.q ?? ""} placeholder="Name, email or booking id" /></label>
        <label>Status
          <select name="status" defaultValue={query.status ?? ""}>
            <option value="">Any</option><option value="CONFIRMED">Confirmed</option><option value="CANCELLED">Cancelled</option>
          </select>
        </label>
        <label>Unit
          <select name="unitId" defaultValue={query.unitId ?? ""}>
            <option value="">Any</option>
            {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
        <label>When
          <select name="when" defaultValue={query.when}>
            <option value="upcoming">Upcoming and current</option><option value="past">Past</option><option value="all">All</option>
          </select>
        </label>
        <label>Staying after<input type="date" name="from" defaultValue={query.from ?? ""} /></label>
        <label>Staying before<input type="date" name="to" defaultValue={query.to ?? ""} /></label>
        <button type="submit" className="button">Filter</button>
        <a className="button" href={`/api/admin/bookings/export?${params}`} download>Export CSV</a>
      </form>
      <p>{total} booking{total === 1 ? "" : "s"}</p>
      <div className="table-wrap">
        <table className="data">
          <thead><tr><th scope="col">Guest</th><th scope="col">Unit</th><th scope="col">Dates</th><th scope="col">Nights</th><th scope="col">Status</th><th scope="col">Total</th></tr></thead>
          <tbody>
            {rows.map((b) => (
              <tr key={b.id}>
                <td><Link href={`/admin/bookings/${b.id}`}>{b.guestName}</Link><br /><small>{b.email}</small></td>
                <td>{b.unitName}</td>
                <td>{formatDate(b.checkIn, { year: true })} – {formatDate(b.checkOut, { year: true })}</td>
                <td>{b.nights}</td>
                <td className={`status-${b.status}`}>{b.status === "CONFIRMED" ? "Confirmed" : "Cancelled"}</td>
                <td>{formatMoney(b.totalCents, b.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Pages">
        {page > 1 ? <Link href={pageLink(page - 1)}>← Previous</Link> : null}
        <span>Page {page} of {pages}</span>
        {page < pages ? <Link href={pageLink(page + 1)}>Next →</Link> : null}
      </nav>
    </>
  );
}
