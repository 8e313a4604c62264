import type { Metadata, Viewport } from "next";
import Link from "next/link";
import "react-day-picker/style.css";
import "./globals.css";
import { envVar } from "@/lib/env";
import { stayTimes } from "@/lib/site/format";

export const metadata: Metadata = {
  title: { default: "Palm Aire Court", template: "%s · Palm Aire Court" },
  description: "Cottages, trailers and RV sites in Florida, by the night, week, month or season.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#2f6f6a" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  const times = stayTimes({ checkIn: envVar("CHECKIN_TIME"), checkOut: envVar("CHECKOUT_TIME") });
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="container header-inner">
            <Link href="/" className="brand">
              <span aria-hidden="true" className="brand-mark">
                ☀
              </span>
              Palm Aire Court
            </Link>
            <nav aria-label="Main">
              <Link href="/#stays">Stays</Link> · <Link href="/bookings/find">Find my booking</Link>
            </nav>
          </div>
        </header>
        <main id="main" className="container">
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            Palm Aire Court · Cottages, trailers and RV sites on Florida&apos;s Gulf coast · Check-in {times.checkIn}, check-out {times.checkOut}
          </div>
        </footer>
      </body>
    </html>
  );
}
