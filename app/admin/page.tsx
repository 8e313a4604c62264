import type { Metadata } from "next";
import Link from "next/link";
import { RevenueChart } from "@/components/admin/revenue-chart";
import { getDashboard } from "@/lib/server/admin/get-dashboard";
import { requireAdminPage } from "@/lib/server/auth/require-admin-page";
import { formatDate, formatMoney } from "@/lib/site/format";

export const metadata: Metadata = { title: "Dashboard" };

const monthLabel = (month: string) => new Date(`${month}T12:00:00Z`).toLocaleDateString("en-US", { month: "short", year: "2-digit", timeZone: "UTC" });

export default async function DashboardPage() {
  await requireAdminPage();
  const d = await getDashboard();
  const thisMonth = d.months[0]!;
  return (
    <>
      <h1>Today, {formatDate(d.today, { weekday: true, year: true })}</h1>
      <div className="stats">
        <div className="stat"><span>Arrivals today</span><strong>{d.arrivals.length}</strong></div>
        <div className="stat"><span>Departures today</span><strong>{d.departures.length}</strong></div>
        <div className="stat"><span>Units occupied tonight</span><strong>{d.inHouse}</strong></div>
        <div className="stat"><span>Occupancy this month</span><strong>{thisMonth.occupancyPct}%</strong></div>
        <div className="stat"><span>Revenue this month</span><strong>{formatMoney(thisMonth.revenueCents)}</strong></div>
        <div className="stat"><span>Average daily rate</span><strong>{thisMonth.adrCents === null ? "—" : formatMoney(thisMonth.adrCents)}</strong></div>
        <div className="stat"><span>Cancellations this month</span><strong>{d.cancellationsThisMonth}</strong></div>
        <div className="stat"><span>Guests paying now (live holds)</span><strong>{d.liveHolds}</strong></div>
      </div>

      <div className="admin-card">
        <h2>Arrivals and departures</h2>
        <Movements title="Arriving" rows={d.arrivals} />
        <Movements title="Leaving" rows={d.departures} />
      </div>

      <div className="admin-card">
        <h2>Next 12 months</h2>
        <RevenueChart data={d.months.map((m) => ({ label: monthLabel(m.month), revenue: Math.round(m.revenueCents / 100), occupancy: m.occupancyPct }))} />
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">Occupancy and revenue by month</caption>
            <thead><tr><th scope="col">Month</th><th scope="col">Nights sold</th><th scope="col">Occupancy</th><th scope="col">Revenue</th><th scope="col">Avg daily rate</th></tr></thead>
            <tbody>
              {d.months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{monthLabel(m.month)}</th>
                  <td>{m.nightsSold} of {m.nightsAvailable}</td>
                  <td>{m.occupancyPct}%</td>
                  <td>{formatMoney(m.revenueCents)}</td>
                  <td>{m.adrCents === null ? "—" : formatMoney(m.adrCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}

function Movements({ title, rows }: { title: string; rows: Array<{ bookingId: string; unitName: string; guestName: string; checkIn: string; checkOut: string }> }) {
  return (
    <>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p>Nobody.</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li key={r.bookingId}>
              <Link href={`/admin/bookings/${r.bookingId}`}>{r.guestName}</Link> · {r.unitName} · {formatDate(r.checkIn)} – {formatDate(r.checkOut)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
