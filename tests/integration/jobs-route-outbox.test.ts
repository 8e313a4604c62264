import { startSmtpCatcher } from "../support/smtp-catcher";
import { afterAll, describe, expect, it } from "vitest";

// The jobs route run twice at once with emails waiting in the outbox: a real SMTP server on
// loopback receives each message exactly once. The relay is configured before the app first
// reads its environment, so the app modules are imported after it.
const catcher = await startSmtpCatcher();
process.env.SMTP_URL = catcher.url;
process.env.MAIL_FROM = "Palm Aire Court <bookings@palmaire.test>";
process.env.OWNER_EMAIL = "owner@palmaire.test";

const { GET, POST } = await import("@/app/api/internal/jobs/route");
const { addDays, todayIn } = await import("@/lib/dates");
const { prisma } = await import("@/lib/server/db/client");
const { enqueueBookingConfirmed } = await import("@/lib/server/notifications/enqueue");
const { bearer, callRoute } = await import("../support/call-route");
const { createBooking, createUnit, seed } = await import("../support/factories");
const { TEST_CRON_SECRET } = await import("../support/test-env");

afterAll(async () => {
  await catcher.close();
});

describe("/api/internal/jobs with emails in the outbox", () => {
  it("two concurrent runs send each message once", async () => {
    await seed(); // the property's settings row, which the templates read
    const unit = await createUnit();
    const start = addDays(todayIn("America/New_York"), 40);
    // Four bookings, each with a guest confirmation and an owner alert: 8 messages.
    for (let i = 0; i < 4; i++) {
      const booking = await createBooking({ unitId: unit.id, checkIn: addDays(start, 3 * i), checkOut: addDays(start, 3 * i + 2) });
      await enqueueBookingConfirmed(prisma, booking);
    }
    const queued = await prisma.outboxMessage.findMany({ select: { id: true } });
    expect(queued).toHaveLength(8);

    const [a, b] = await Promise.all([
      callRoute(GET, { path: "/api/internal/jobs", headers: bearer(TEST_CRON_SECRET) }),
      callRoute(POST, { path: "/api/internal/jobs", method: "POST", headers: bearer(TEST_CRON_SECRET) }),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);

    expect(catcher.messages).toHaveLength(8);
    // Four to the owner, one to each of the four guests: no recipient got a message twice.
    const recipients = catcher.messages.flatMap((m) => m.envelopeTo);
    expect(recipients.filter((r) => r === "owner@palmaire.test")).toHaveLength(4);
    const guests = recipients.filter((r) => r !== "owner@palmaire.test");
    expect(new Set(guests).size).toBe(4);
    expect(guests).toHaveLength(4);
    expect(await prisma.outboxMessage.count({ where: { status: "SENT" } })).toBe(8);

    // Nothing left: a third run sends nothing more.
    const again = await callRoute(GET, { path: "/api/internal/jobs", headers: bearer(TEST_CRON_SECRET) });
    expect(again.status).toBe(200);
    expect(catcher.messages).toHaveLength(8);
  });
});
