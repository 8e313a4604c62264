"use client";

import Link from "next/link";

// A page that could not be rendered (the database did not answer on a first render). Pages
// already in the cache keep being served from it; this shows only when there is none.
export default function PageError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <h1>This page could not be loaded</h1>
      <p>Something went wrong on our side. Please try again in a moment.</p>
      <p>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>{" "}
        <Link href="/">Back to all stays</Link>
      </p>
    </div>
  );
}
