/**
 * Runs the local Stripe emulator until SIGINT/SIGTERM.
 *
 *   STRIPE_WEBHOOK_SECRET=whsec_dev STRIPE_WEBHOOK_URL=http://127.0.0.1:3000/api/webhooks/stripe \
 *     npx tsx scripts/stripe-emulator.ts
 *
 * Env: STRIPE_EMULATOR_PORT (default 12111), STRIPE_WEBHOOK_SECRET (required), STRIPE_WEBHOOK_URL (optional).
 */
import { startStripeEmulator } from "../tools/stripe-emulator/emulator";

async function main(): Promise<void> {
  const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET;
  if (!webhookSecret) {
    console.error("stripe-emulator: STRIPE_WEBHOOK_SECRET is required (e.g. whsec_dev)");
    process.exit(1);
  }
  const rawPort = process.env.STRIPE_EMULATOR_PORT ?? "12111";
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`stripe-emulator: STRIPE_EMULATOR_PORT must be a port number, got "${rawPort}"`);
    process.exit(1);
  }
  const webhookUrl = process.env.STRIPE_WEBHOOK_URL || undefined;

  const emulator = await startStripeEmulator({
    port,
    webhookSecret,
    ...(webhookUrl ? { webhookUrl } : {}),
    logger: (msg) => console.log(`[stripe-emulator] ${msg}`),
  });
  console.log(`[stripe-emulator] API base: ${emulator.url} (use host 127.0.0.1, port ${emulator.port}, protocol http)`);
  console.log(`[stripe-emulator] webhooks: ${webhookUrl ?? "(none configured; events are built and signed but not sent)"}`);

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    console.log(`[stripe-emulator] ${signal} received, shutting down`);
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error("[stripe-emulator] error while closing:", err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err: unknown) => {
  console.error("[stripe-emulator] failed to start:", err);
  process.exit(1);
});
