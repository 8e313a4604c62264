import type { Metadata } from "next";
import Link from "next/link";
import { HoldCountdown } from "@/components/admin/hold-countdown";
import { addDays, daysBetween, isIsoDate, todayIn } from "@/lib/dates";
import { env } from "@/lib/env";
import { getBoard } from "@/lib/server/admin/get-board";
import { requireAdminPage } from "@/lib/server/auth/require-admin-page";
import { formatDate } from "@/lib/site/format";

export const metadata: Metadata = { title: "Calendar" };

const DAYS = 42;

export default async function BoardPage({ searchParams }: { searchParams: { from?: string } }) {
  await requireAdminPage();
  const today = todayIn(env.PROPERTY_TIMEZONE);
  const from = searchParams.from && isIsoDate(searchParams.from) ? searchParams.from : addDays(today, -3);
  const board = await getBoard({ from, days: DAYS });
  const days = Array.from({ length: board.days }, (_, i) => addDays(board.from, i));
  // Column 1 is the unit name; day i sits in column i + 2.
  const column = (date: string) => Math.min(Math.max(daysBetween(board.from, date), 0), board.days) + 2;

  return (
    <>
      <h1>Calendar</h1>
      <p className="pager">
        <Link href={`/admin/board?from=${addDays(board.from, -28)}`}>← 4 weeks earlier</Link>
        <Link href="/admin/board">Today</Link>
        <Link href={`/admin/board?from=${addDays(board.from, 28)}`}>4 weeks later →</Link>
      </p>
      <p className="legend"><span className="l-booking">Booking</span><span className="l-hold">Guest paying (hold)</span><span className="l-block">Blocked</span></p>
      <div className="board" role="region" aria-label={`Occupancy from ${formatDate(board.from, { year: true })}`} tabIndex={0}>
        <div className="board-grid" style={{ gridTemplateColumns: `8rem repeat(${board.days}, 2rem)` }}>
          <div className="board-unit" style={{ gridRow: 1, gridColumn: 1 }}>Unit</div>
          {days.map((date, i) => {
            const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
            return (
              <div key={date} className={`board-day${weekday === 0 || weekday === 6 ? " weekend" : ""}${date === today ? " today" : ""}`} style={{ gridRow: 1, gridColumn: i + 2 }} title={formatDate(date, { weekday: true, year: true })}>
                {date.slice(8)}
                <br />
                {new Date(`${date}T12:00:00Z`).toLocaleDateString("en-US", { weekday: "narrow", timeZone: "UTC" })}
              </div>
            );
          })}
          {board.rows.map((row, r) => (
            <Row key={row.unitId} index={r + 2} row={row} days={days} column={column} />
          ))}
        </div>
      </div>
    </>
  );
}

function Row({ index, row, days, column }: { index: number; row: Awaited<ReturnType<typeof getBoard>>["rows"][number]; days: string[]; column: (date: string) => number }) {
  return (
    <>
      <div className="board-unit" style={{ gridRow: index, gridColumn: 1 }}>{row.unitName}</div>
      {days.map((date, i) => (
        <div key={date} className="board-cell" style={{ gridRow: index, gridColumn: i + 2 }} />
      ))}
      {row.items.map((item) => {
        const style = { gridRow: index, gridColumn: `${column(item.start)} / ${column(item.end)}` };
        const dates = `${formatDate(item.start)} – ${formatDate(item.end)}`;
        if (item.kind === "booking") {
          return (
            <Link key={item.id} href={`/admin/bookings/${item.id}`} className="board-item booking" style={style} aria-label={`${row.unitName}: ${item.label}, ${dates}`}>
              {item.label}
            </Link>
          );
        }
        if (item.kind === "block") {
          return (
            <span key={item.id} className="board-item block" style={style} aria-label={`${row.unitName}: ${item.imported ? `sold on ${item.label}` : item.label}, ${dates}`}>
              {item.label}
            </span>
          );
        }
        return (
          <span key={item.id} className="board-item hold" style={style} aria-label={`${row.unitName}: guest paying, ${dates}`}>
            Paying · <HoldCountdown expiresAt={item.expiresAt} />
          </span>
        );
      })}
    </>
  );
}
