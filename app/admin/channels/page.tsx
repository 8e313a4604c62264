import type { Metadata } from "next";
import { ChannelsEditor } from "@/components/admin/channels-editor";
import { getChannelsPage } from "@/lib/server/admin/manage-channels";
import { requireAdminPage } from "@/lib/server/auth/require-admin-page";

export const metadata: Metadata = { title: "Channels" };

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "never");

export default async function ChannelsPage() {
  await requireAdminPage("OWNER");
  const page = await getChannelsPage();
  return (
    <>
      <h1>Channels</h1>
      <p>
        Import feeds bring the nights other sites (Airbnb, Vrbo, Booking.com) sold into the calendar; export URLs give those
        sites ours. Paused feeds keep the nights they last imported.
      </p>
      <ChannelsEditor
        units={page.units}
        feeds={page.feeds.map((f) => ({
          id: f.id,
          unitName: f.unitName,
          channel: f.channel,
          enabled: f.enabled,
          stale: f.stale,
          lastAttempt: when(f.lastAttemptAt),
          lastSuccess: when(f.lastSuccessAt),
          lastChange: when(f.lastChangeAt),
          lastError: f.lastError,
          eventCount: f.eventCount,
          blocks: f.blocks,
        }))}
        tokens={page.tokens.map((t) => ({ id: t.id, unitName: t.unitName, channel: t.channel, created: when(t.createdAt), revoked: t.revokedAt ? when(t.revokedAt) : null }))}
      />
    </>
  );
}
