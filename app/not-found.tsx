import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

export default function NotFound() {
  return (
    <div className="notice not-found">
      <h1>We could not find that page</h1>
      <p>The page may have moved, or the stay is no longer offered.</p>
      <p>
        <Link href="/#stays" className="button button-primary">
          See all our stays
        </Link>
      </p>
    </div>
  );
}
