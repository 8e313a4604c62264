// Runs once when the server starts: validate configuration before serving anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseServerEnv, EnvError } = await import("./lib/env-schema");
  try {
    parseServerEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const { startHoldExpiryTimer } = await import("./lib/server/jobs/hold-expiry-timer");
  startHoldExpiryTimer();
}
