// Runs once when the server starts. The NEXT_RUNTIME check is replaced at build time, so the
// Node-only start-up code never enters the edge bundle.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startUp } = await import("./lib/server/start-up");
    await startUp();
  }
}
