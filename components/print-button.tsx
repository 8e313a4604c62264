"use client";

export function PrintButton() {
  return (
    <p className="no-print">
      <button type="button" className="button" onClick={() => window.print()}>
        Print
      </button>
    </p>
  );
}
