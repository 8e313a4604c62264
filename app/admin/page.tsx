import type { Metadata } from "next";
import Link from "next/link";
import { RevenueChart } from "@/components/admin/revenue-chart";
import { getDashboard, type Attention } from "@/lib/server/admin/get-dashboard";
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

      <NeedsAttention a={d.attention} />

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

const KIND_LABEL: Record<string, string> = {
  BOOKING_CONFIRMED: "Booking confirmation",
  BOOKING_CANCELLED: "Cancellation notice",
  LATE_PAYMENT_REFUNDED: "Late payment refund notice",
  HOLD_EXPIRED_WHILE_PAYING: "Hold expired notice",
  PRE_ARRIVAL: "Pre-arrival email",
  CHANNEL_CONFLICT: "Channel conflict alert",
  CHANNEL_FEED_STALE: "Stale feed alert",
};
const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "never");

function NeedsAttention({ a }: { a: Attention }) {
  const total = a.conflicts.length + a.staleFeeds.length + a.failingFeeds.length + a.failedEmails.length;
  return (
    <div className="admin-card">
      <h2>Needs your attention</h2>
      {total === 0 ? (
        <p>Nothing: no channel conflicts, every calendar feed is current and every email went out.</p>
      ) : (
        <>
          {a.conflicts.length > 0 && (
            <>
              <h3>Channel conflicts</h3>
              <ul>
                {a.conflicts.map((c) => (
                  <li key={c.id}>
                    {c.unitName}: {c.channel} sold {formatDate(c.blockStart)} – {formatDate(c.blockEnd)} over our {c.stayKind} of {formatDate(c.stayStart)} – {formatDate(c.stayEnd)} ·{" "}
                    <Link href={c.href}>{c.stayKind === "booking" ? "Open the booking" : "See the calendar"}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          {(a.staleFeeds.length > 0 || a.failingFeeds.length > 0) && (
            <>
              <h3>Calendar feeds</h3>
              <ul>
                {a.staleFeeds.map((f) => (
                  <li key={f.id}>
                    {f.unitName} · {f.channel}: stale, last read {when(f.lastSuccessAt)}{f.lastError ? ` (${f.lastError})` : ""} · <Link href={f.href}>Channels</Link>
                  </li>
                ))}
                {a.failingFeeds.map((f) => (
                  <li key={f.id}>
                    {f.unitName} · {f.channel}: failing ({f.lastError}) since {when(f.lastAttemptAt)} · <Link href={f.href}>Channels</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          {a.failedEmails.length > 0 && (
            <>
              <h3>Emails not delivered</h3>
              <ul>
                {a.failedEmails.map((m) => (
                  <li key={m.id}>
                    {KIND_LABEL[m.kind] ?? m.kind} to the {m.recipient === "GUEST" ? "guest" : "owner"}{m.lastError ? ` (${m.lastError})` : ""}
                    {m.href && <> · <Link href={m.href}>Booking {m.bookingCode}</Link></>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}
