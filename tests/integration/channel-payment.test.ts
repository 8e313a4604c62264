import { emulator } from "../support/stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postCheckout } from "@/app/api/v1/checkout/route";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { addDays, todayIn } from "@/lib/dates";
import { listOpenConflicts } from "@/lib/server/channels/channel-health";
import { addFeed } from "@/lib/server/channels/manage-feeds";
import { prisma } from "@/lib/server/db/client";
import { syncChannelFeeds } from "@/lib/server/jobs/sync-channel-feeds";
import { bearer, callRoute } from "../support/call-route";
import { createRatePlan, createUnit } from "../support/factories";
import { airbnbFeed } from "../support/feed-fixtures";
import { startFeedServer, type FeedServer } from "../support/feed-server";
import { TEST_SERVICE_API_KEY } from "../support/test-env";

// A guest is paying for a hold when Airbnb sells the same nights: the sync records the conflict,
// and the payment that then succeeds ends in a full automatic refund, never a second booking.

const auth = bearer(TEST_SERVICE_API_KEY);
const guest = { firstName: "Test", lastName: "Payer", email: "payer@example.test" };
const d = (n: number) => addDays(todayIn("America/New_York"), n);
let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

describe("a payment for nights another channel sold meanwhile", () => {
  it("records the conflict, then refunds the payment in full and books nothing", async () => {
    const unit = await createUnit();
    await createRatePlan({ unitId: unit.id, nightly: 10_000 });
    const hold = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId: unit.id, checkIn: d(20), checkOut: d(23), guests: 2 }, headers: auth });
    expect(hold.status).toBe(201);
    const holdId = hold.body.holdId as string;
    const started = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId, customer: guest }, headers: auth });
    expect(started.status).toBe(200);

    server.set("/airbnb.ics", { kind: "calendar", body: airbnbFeed([{ uid: "sold", start: d(22), end: d(25) }]) });
    const feed = await addFeed({ unit: unit.id, channel: "airbnb", url: `${server.url}/airbnb.ics` });
    expect(await syncChannelFeeds({ now: new Date(), feedIds: [feed.id] })).toMatchObject({ changed: 1, newConflicts: 1 });
    expect((await listOpenConflicts({ now: new Date() })).map((c) => [c.stayKind, c.stayId])).toEqual([["hold", holdId]]);

    expect((await emulator.succeed(started.body.paymentIntentId as string)).status).toBe(200);
    expect(await prisma.booking.count({ where: { unitId: unit.id } })).toBe(0);
    // 3 nights x 10 000 cents, all of it back.
    expect(emulator.refunds().filter((r) => r.payment_intent === started.body.paymentIntentId)).toEqual([
      expect.objectContaining({ amount: 30_000 }),
    ]);
    expect(await prisma.refund.findUnique({ where: { stripeIntentId: started.body.paymentIntentId as string } })).toMatchObject({
      reason: "dates_taken",
      amountCents: 30_000,
    });
    // The hold no longer stands, so the conflict is no longer open.
    expect(await listOpenConflicts({ now: new Date() })).toEqual([]);
  });
});
