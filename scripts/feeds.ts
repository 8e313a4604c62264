// Channel sync from the command line, for the owner until the owner console exists:
//   npm run feeds -- add --unit essex --channel airbnb --url https://www.airbnb.com/calendar/ical/....ics
//   npm run feeds -- list [--unit essex]
//   npm run feeds -- sync [<feedId> ...]            fetch now (all due feeds when no id is given)
//   npm run feeds -- pause <feedId> | resume <feedId> | remove <feedId>
//   npm run feeds -- export --unit essex --channel airbnb   prints a new secret export URL
//   npm run feeds -- exports [--unit essex] | revoke <exportId>
//   npm run feeds -- conflicts | stale
//   npm run feeds -- block --unit essex --from 2027-05-01 --to 2027-05-04 [--reason "Painting"] | unblock <blockId>
// It talks to the database in DATABASE_URL (from the environment, .env.local or .env) through the
// same services the console will call.
import path from "node:path";
import { parseArgs } from "node:util";
import { config as loadEnvFile } from "dotenv";

const root = path.resolve(__dirname, "..");
loadEnvFile({ path: [path.join(root, ".env.local"), path.join(root, ".env")], quiet: true });
// Variables the server requires but this script never uses (Stripe, API keys): placeholders
// let it run with only DATABASE_URL set. Real values in the environment win.
const placeholders: Record<string, string> = {
  STRIPE_SECRET_KEY: "sk_test_unused_by_feeds_script",
  STRIPE_WEBHOOK_SECRET: "whsec_unused_by_feeds_script",
  SERVICE_API_KEY: "unused-by-feeds-script-0123456789abcdef",
  CRON_SECRET: "unused-by-feeds-script",
  ORIGIN: "http://localhost:3000",
};
for (const [name, value] of Object.entries(placeholders)) process.env[name] ||= value;

const usage = `usage: npm run feeds -- <add|list|sync|pause|resume|remove|export|exports|revoke|conflicts|stale|block|unblock> [options]
(see the top of scripts/feeds.ts and README "Channel sync")`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      unit: { type: "string" },
      channel: { type: "string" },
      url: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      reason: { type: "string" },
    },
  });
  const [command, ...ids] = positionals;
  const now = new Date();
  const { env } = await import("@/lib/env");
  const feeds = await import("@/lib/server/channels/manage-feeds");
  const exportsModule = await import("@/lib/server/channels/export-tokens");
  const health = await import("@/lib/server/channels/channel-health");
  const { syncChannelFeeds } = await import("@/lib/server/jobs/sync-channel-feeds");
  const blocks = await import("@/lib/server/blocks/owner-blocks");
  const need = (value: string | undefined, name: string) => {
    if (!value) throw new Error(`--${name} is required\n${usage}`);
    return value;
  };
  const one = () => {
    if (ids.length !== 1) throw new Error(`give exactly one id\n${usage}`);
    return ids[0]!;
  };

  switch (command) {
    case "add": {
      const feed = await feeds.addFeed({ unit: need(values.unit, "unit"), channel: need(values.channel, "channel"), url: need(values.url, "url") });
      console.log(`added feed ${feed.id} (${feed.channel}); it is fetched within ${env.CHANNEL_SYNC_INTERVAL_MINUTES} minutes, or now with: npm run feeds -- sync ${feed.id}`);
      return;
    }
    case "list":
      console.table(
        (await feeds.listFeeds({ unit: values.unit, now })).map((f) => ({
          id: f.id,
          unit: f.unitSlug,
          channel: f.channel,
          enabled: f.enabled,
          stale: f.stale,
          lastSuccess: f.lastSuccessAt?.toISOString() ?? "never",
          lastError: f.lastError ?? "",
          events: f.eventCount,
          blocks: f.blocks,
          url: f.url,
        })),
      );
      return;
    case "sync":
      console.log(await syncChannelFeeds({ now, ...(ids.length > 0 ? { feedIds: ids } : {}) }));
      return;
    case "pause":
    case "resume":
      await feeds.setFeedEnabled(one(), command === "resume");
      console.log(`${command}d`);
      return;
    case "remove":
      await feeds.removeFeed(one(), { now });
      console.log("removed the feed and the nights it had blocked");
      return;
    case "export": {
      const made = await exportsModule.createExportToken({ unit: need(values.unit, "unit"), channel: need(values.channel, "channel") });
      console.log(`export ${made.id} for ${made.channel}. Paste this URL into ${made.channel}'s "import calendar"; it is shown only now:`);
      console.log(new URL(made.path, env.ORIGIN).toString());
      return;
    }
    case "exports":
      console.table(await exportsModule.listExportTokens({ unit: values.unit }));
      return;
    case "revoke":
      await exportsModule.revokeExportToken(one(), { now });
      console.log("revoked: that URL now answers 404");
      return;
    case "conflicts":
      console.table(await health.listOpenConflicts({ now }));
      return;
    case "stale":
      console.table(await health.listStaleFeeds({ now }));
      return;
    case "block":
      console.log(
        await blocks.createOwnerBlock({ unit: need(values.unit, "unit"), start: need(values.from, "from"), end: need(values.to, "to"), reason: values.reason, now }),
      );
      return;
    case "unblock":
      await blocks.removeOwnerBlock(one());
      console.log("the nights are open again");
      return;
    default:
      throw new Error(usage);
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    const e = error as { message?: string; issues?: Array<{ path: string; message: string }> };
    console.error(e.message ?? String(error));
    for (const issue of e.issues ?? []) console.error(`  ${issue.path}: ${issue.message}`);
    process.exit(1);
  });
