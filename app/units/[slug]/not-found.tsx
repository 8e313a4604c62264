import Link from "next/link";

export default function UnitNotFound() {
  return (
    <div className="notice not-found">
      <h1>Stay not found</h1>
      <p>This stay does not exist or is no longer offered.</p>
      <p>
        <Link href="/#stays" className="button button-primary">
          See all our stays
        </Link>
      </p>
    </div>
  );
}
