/**
 * Whether the hot reads may use named prepared statements: PostgreSQL then parses and plans each
 * of these few fixed statements once per connection instead of once per request (measured here:
 * about 1.1 ms of planning against 0.2 ms of execution for the stay context). A transaction
 * pooler may run the next statement on a server connection that never prepared it, so "auto"
 * leaves them off there (docs/decisions.md, "The app behind a transaction pooler").
 */
export function preparedStatementsFor(setting: "auto" | "true" | "false", databaseUrl: string): boolean {
  if (setting !== "auto") return setting === "true";
  try {
    const url = new URL(databaseUrl);
    return url.port !== "6543" && url.searchParams.get("pgbouncer") !== "true";
  } catch {
    return false;
  }
}
