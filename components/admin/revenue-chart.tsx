"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface RevenuePoint {
  label: string;
  revenue: number;
  occupancy: number;
}

/** Revenue by month in dollars, as a picture; the table below it carries the same numbers for screen readers. */
export function RevenueChart({ data }: { data: RevenuePoint[] }) {
  return (
    <div role="img" aria-label="Revenue by month; the numbers are in the table below" style={{ width: "100%", height: 260 }}>
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={(v: number) => `$${Math.round(v / 1000)}k`} tick={{ fontSize: 12 }} width={48} />
          <Tooltip formatter={(v) => [`$${Number(v).toLocaleString("en-US")}`, "Revenue"]} />
          <Bar dataKey="revenue" fill="#2f6f6a" radius={[4, 4, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
