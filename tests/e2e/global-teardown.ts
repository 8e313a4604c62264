import { Client } from "pg";
import type { E2EState } from "./global-setup";

// Stops the app server, the Stripe emulator and the SMTP catcher, and drops the run's database.
export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __pacE2E?: E2EState }).__pacE2E;
  if (!state) return;
  const server = state.server;
  if (server && server.exitCode === null) {
    const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
    const signal = (sig: NodeJS.Signals) => {
      try {
        if (server.pid) process.kill(-server.pid, sig); // the server's process group (detached)
      } catch {
        server.kill(sig);
      }
    };
    signal("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (server.exitCode === null) signal("SIGKILL");
  }
  await state.emulator?.close().catch(() => undefined);
  await state.mail?.close().catch(() => undefined);
  if (state.database && process.env.E2E_KEEP_DB !== "1") {
    const admin = new Client({ connectionString: state.adminUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${state.database}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  globalThis.__pacE2E = undefined;
}
