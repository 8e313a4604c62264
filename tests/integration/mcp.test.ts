// Must be first: starts the Stripe emulator and points the app at it before the env is read.
import { emulator } from "../support/stripe";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/server/api-keys/create-api-key";
import { addDays } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { seed } from "../support/factories";
import { startAppServer, type AppServer } from "../support/app-server";
import { NEXT_YEAR, today } from "../support/dates";
import { TEST_ORIGIN, TEST_SERVICE_API_KEY } from "../support/test-env";

// The MCP server at /api/mcp, driven by the official SDK client (Client +
// StreamableHTTPClientTransport) over real HTTP against the app's route handlers, on the seeded
// property. Stays are in January of next year: never in the past, never in a discount season
// (seasons: April, May-October, November), so Essex costs its nightly rate of $165.00 plus the
// $40.00 cleaning fee. When next year's January 12 is less than a month away (late December), it
// is too close for the cancellation grace period (14 days or more before arrival), so the stays
// move to the January after.

let server: AppServer;
let agentKey: string;
const year = addDays(today(), 31) < `${NEXT_YEAR}-01-12` ? NEXT_YEAR : NEXT_YEAR + 1;
const jan = (day: number) => `${year}-01-${String(day).padStart(2, "0")}`;

beforeAll(async () => {
  await seed();
  server = await startAppServer();
  emulator.setWebhookUrl(`${server.url}/api/v1/webhooks/stripe`);
  agentKey = (await createApiKey(prisma, { name: "mcp-test-agent" })).key;
});

afterAll(async () => {
  await server?.close();
});

async function connect(headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: "palm-aire-court-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { requestInit: { headers } });
  await client.connect(transport);
  return client;
}

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult & { structuredContent: any }> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult & { structuredContent: any };
}

const said = (result: CallToolResult) => (result.content[0] as { type: "text"; text: string }).text;

describe("MCP /api/mcp", () => {
  it("refuses a missing or wrong key before any tool is listed", async () => {
    for (const headers of [{}, bearer("pac_notARealKey000000000000000000000000000000"), bearer(`${TEST_SERVICE_API_KEY}x`)]) {
      const refused = connect(headers);
      // StreamableHTTPError: the HTTP status and the API's error body.
      await expect(refused).rejects.toMatchObject({ code: 401 });
      await expect(refused).rejects.toThrow(/"code":"UNAUTHORIZED","message":"Missing or invalid credentials\."/);
    }
  });

  it("lists its tools with JSON Schemas taken from the API's zod schemas", async () => {
    const client = await connect(bearer(TEST_SERVICE_API_KEY));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      "cancel_booking",
      "check_availability",
      "find_booking",
      "get_payment_link",
      "get_quote",
      "place_hold",
      "property_info",
      "search_stays",
    ]);
    const byName = new Map(tools.map((t) => [t.name, t]));
    const hold = byName.get("place_hold")!;
    expect(hold.inputSchema.type).toBe("object");
    expect(hold.inputSchema.required).toEqual(["unitId", "checkIn", "checkOut", "guests"]);
    expect(Object.keys(hold.inputSchema.properties ?? {})).toEqual(["unitId", "checkIn", "checkOut", "guests", "pets", "ttlMinutes", "customer", "idempotencyKey"]);
    // The customer schema is written in place (no $ref), with the API's email rule.
    expect((hold.inputSchema.properties as any).customer.required).toEqual(["firstName", "lastName", "email"]);
    expect(JSON.stringify(hold.inputSchema)).not.toContain("$ref");
    expect(hold.annotations).toMatchObject({ readOnlyHint: false });
    expect(byName.get("get_quote")!.inputSchema.required).toEqual(["unitId", "checkIn", "checkOut"]);
    expect(byName.get("get_quote")!.inputSchema.properties).not.toHaveProperty("idempotencyKey");
    expect(byName.get("get_quote")!.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.get("cancel_booking")!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.get("cancel_booking")!.inputSchema.required).toEqual(["code", "email"]);
    await client.close();
  });

  it("books a stay: property info, availability, quote, hold, payment link, payment, then the link is spent", async () => {
    const client = await connect(bearer(agentKey));

    const info = await call(client, "property_info", {});
    expect(info.isError).toBeFalsy();
    expect(info.structuredContent).toMatchObject({ name: "Palm Aire Court", checkInTime: "15:00", checkOutTime: "11:00" });
    const essex = info.structuredContent.units.find((u: { slug: string }) => u.slug === "essex");
    expect(essex).toMatchObject({ name: "Essex", capacity: 5, fromNightlyCents: 16500, amenities: expect.arrayContaining(["Washer and dryer"]) });
    expect(said(info)).toMatch(/^Palm Aire Court, 123 Palm Aire Court, Fort Myers, FL 33901\. Check-in from 15:00, check-out by 11:00\. \d+ units: /);

    // The journey starts from dates and a party: Essex (sleeps 5) is among the stays that fit.
    const search = await call(client, "search_stays", { checkIn: jan(12), checkOut: jan(15), guests: 2 });
    expect(search.isError, JSON.stringify(search.structuredContent ?? search.content)).toBeFalsy();
    const essexHit = search.structuredContent.results.find((r: { unit: { slug: string } }) => r.unit.slug === "essex");
    // 3 × $165.00 + $40.00 cleaning = $535.00 (this database has no taxes).
    expect(essexHit).toMatchObject({ nights: 3, totalCents: 53500 });
    expect(said(search)).toMatch(/units? (is|are) free for 2 guests, 3 nights from .+; the cheapest is .+ in total\.$/);

    const availability = await call(client, "check_availability", { unitId: "essex", start: jan(12), end: jan(15) });
    expect(availability.structuredContent).toMatchObject({ isAvailable: true, unavailable: [] });
    expect(said(availability)).toContain("essex is free for the 3 nights from");

    const quote = await call(client, "get_quote", { unitId: "essex", checkIn: jan(12), checkOut: jan(15) });
    // 3 × $165.00 = $495.00, + $40.00 cleaning = $535.00.
    expect(quote.structuredContent).toMatchObject({ nights: 3, baseCents: 49500, discountCents: 0, feesCents: 4000, totalCents: 53500, currency: "USD" });
    expect(said(quote)).toMatch(/^3 nights at Essex from .+ to .+ cost \$535\.00 in total, including \$40\.00 in fees\.$/);

    const holdArgs = {
      unitId: "essex",
      checkIn: jan(12),
      checkOut: jan(15),
      guests: 2,
      customer: { firstName: "Ana", lastName: "Rivera", email: "ana.mcp@example.com" },
      idempotencyKey: "journey-hold-1",
    };
    const hold = await call(client, "place_hold", holdArgs);
    expect(hold.isError).toBeFalsy();
    const holdId = hold.structuredContent.holdId as string;
    expect(hold.structuredContent.paymentUrl).toBe(`${TEST_ORIGIN}/checkout?holdId=${holdId}`);
    expect(said(hold)).toContain(`The guest pays here: ${TEST_ORIGIN}/checkout?holdId=${holdId}`);

    // The agent's retry (same key, same arguments) gets the same hold back, not a second hold.
    const retry = await call(client, "place_hold", holdArgs);
    expect(retry.structuredContent).toMatchObject({ holdId, replayed: true });
    expect(await prisma.hold.count({ where: { unit: { slug: "essex" }, checkIn: new Date(`${jan(12)}T00:00:00Z`) } })).toBe(1);

    const link = await call(client, "get_payment_link", { holdId });
    expect(link.structuredContent).toMatchObject({ holdId, url: `${TEST_ORIGIN}/checkout?holdId=${holdId}`, checkIn: jan(12), checkOut: jan(15) });
    expect(Date.parse(link.structuredContent.expiresAt)).toBeGreaterThan(Date.now());

    // The guest opens the link: the checkout page starts payment for the hold, and pays.
    const checkout = await fetch(`${server.url}/api/v1/checkout`, {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer(TEST_SERVICE_API_KEY) },
      body: JSON.stringify({ holdId, customer: { firstName: "Ana", lastName: "Rivera", email: "ana.mcp@example.com" } }),
    });
    expect(checkout.status).toBe(200);
    const { paymentIntentId, amountCents } = (await checkout.json()) as { paymentIntentId: string; amountCents: number };
    expect(amountCents).toBe(53500);
    const delivery = await emulator.succeed(paymentIntentId);
    expect(delivery.status).toBe(200);

    const booking = await prisma.booking.findUniqueOrThrow({ where: { holdId } });
    expect(booking).toMatchObject({ status: "CONFIRMED", totalCents: 53500 });

    const spent = await call(client, "get_payment_link", { holdId });
    expect(spent.isError).toBe(true);
    expect(spent.structuredContent.error).toMatchObject({ code: "HOLD_NOT_ACTIVE", message: "This hold has already been paid." });
    expect(said(spent)).toBe("This hold has already been paid.");

    // The guest comes back with the booking code from the confirmation: find_booking shows it confirmed.
    const code = (await prisma.booking.findUniqueOrThrow({ where: { id: booking.id }, select: { code: true } })).code!;
    const found = await call(client, "find_booking", { code, email: "ana.mcp@example.com" });
    expect(found.isError).toBeFalsy();
    expect(found.structuredContent).toMatchObject({ bookingId: booking.id, code, status: "CONFIRMED", totalCents: 53500, nights: 3 });
    expect(said(found)).toMatch(new RegExp(`^Booking ${code} for Ana Rivera: Essex, 3 nights from .+, \\$535\\.00, confirmed\\.$`));
    const notMine = await call(client, "find_booking", { code, email: "someone.else@example.com" });
    expect(notMine.structuredContent.error).toEqual({ code: "NOT_FOUND", message: "No booking matches that booking code and email." });

    // Cancel: a preview first (changes nothing), then the confirmed cancellation. Booked just now,
    // more than 14 days ahead: the grace period refunds everything, $535.00.
    // A wrong email and a wrong code get find_booking's one answer, so neither is confirmed.
    const wrongEmail = await call(client, "cancel_booking", { code, email: "someone.else@example.com" });
    expect(wrongEmail.structuredContent.error).toEqual({ code: "NOT_FOUND", message: "No booking matches that booking code and email." });
    const wrongCode = await call(client, "cancel_booking", { code: code === "PAC-222222" ? "PAC-333333" : "PAC-222222", email: "ana.mcp@example.com" });
    expect(wrongCode.structuredContent.error).toEqual(wrongEmail.structuredContent.error);
    // The code as a guest might type it: lower case, without the prefix.
    const preview = await call(client, "cancel_booking", { code: code.slice(4).toLowerCase(), email: "Ana.MCP@example.com" });
    expect(preview.isError).toBeFalsy();
    expect(preview.structuredContent).toMatchObject({ bookingId: booking.id, code, cancellable: true, confirmed: false, quote: { refundCents: 53500, rule: "grace" } });
    expect(said(preview)).toMatch(/^Cancelling now would refund \$535\.00\. .+ To cancel, call cancel_booking again with confirm: true\.$/);
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CONFIRMED");

    // The nights are booked now: a hold on them is refused with the API's reason.
    const takenArgs = { unitId: "essex", checkIn: jan(13), checkOut: jan(14), guests: 2, idempotencyKey: "journey-taken-1" };
    const taken = await call(client, "place_hold", takenArgs);
    expect(taken.isError).toBe(true);
    expect(taken.structuredContent.error).toMatchObject({ code: "UNAVAILABLE", message: "Those dates are no longer available.", details: { rule: "UNAVAILABLE" } });
    expect(said(taken)).toBe("Those dates are no longer available.");
    // A retry of that refused call gets the same refusal back.
    const takenAgain = await call(client, "place_hold", takenArgs);
    expect(takenAgain.isError).toBe(true);
    expect(takenAgain.structuredContent).toEqual(taken.structuredContent);

    const confirmArgs = { code, email: "ana.mcp@example.com", confirm: true, reason: "Plans changed", idempotencyKey: "journey-cancel-1" };
    const cancelled = await call(client, "cancel_booking", confirmArgs);
    expect(cancelled.isError).toBeFalsy();
    expect(cancelled.structuredContent).toMatchObject({ bookingId: booking.id, code, status: "CANCELLED", changed: true, cancelledBy: "chatbot", refund: { amountCents: 53500 } });
    expect(said(cancelled)).toBe("The booking is cancelled and $535.00 goes back to the card it was paid with.");
    // The agent's retry replays the answer: no second refund.
    const again = await call(client, "cancel_booking", confirmArgs);
    expect(again.structuredContent).toMatchObject({ changed: true, replayed: true });
    expect(await prisma.bookingRefund.count({ where: { bookingId: booking.id } })).toBe(1);
    await client.close();
  });

  it("refuses bad arguments with the API's per-field messages, readable as they are", async () => {
    const client = await connect(bearer(agentKey));
    const backwards = await call(client, "get_quote", { unitId: "essex", checkIn: jan(20), checkOut: jan(18) });
    expect(backwards.isError).toBe(true);
    expect(backwards.structuredContent.error).toEqual({
      code: "VALIDATION_FAILED",
      message: "The request is not valid; see issues.",
      issues: [{ path: "checkOut", message: "checkOut must be after checkIn." }],
    });
    expect(said(backwards)).toBe("checkOut must be after checkIn.");

    const unknown = await call(client, "check_availability", { unitId: "no-such-unit", start: jan(20), end: jan(22) });
    expect(unknown.structuredContent.error).toMatchObject({ code: "NOT_FOUND", message: "No unit with that id or slug is available." });

    const noHold = await call(client, "get_payment_link", { holdId: "cmnosuchhold0000000000000" });
    expect(noHold.structuredContent.error).toMatchObject({ code: "NOT_FOUND", message: "No hold with that id exists." });

    const readOnlyKey = await call(client, "get_quote", { unitId: "essex", checkIn: jan(20), checkOut: jan(22), idempotencyKey: "x" });
    expect(readOnlyKey.structuredContent.error.issues).toEqual([{ path: "idempotencyKey", message: "Unknown field: idempotencyKey." }]);
    await client.close();
  });

  it("refuses an idempotencyKey reused with other arguments, and places nothing", async () => {
    const client = await connect(bearer(agentKey));
    const first = await call(client, "place_hold", { unitId: "essex", checkIn: jan(24), checkOut: jan(26), guests: 2, idempotencyKey: "reuse-1" });
    expect(first.isError).toBeFalsy();
    const other = await call(client, "place_hold", { unitId: "essex", checkIn: jan(27), checkOut: jan(29), guests: 2, idempotencyKey: "reuse-1" });
    expect(other.isError).toBe(true);
    expect(other.structuredContent.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await prisma.hold.count({ where: { unit: { slug: "essex" }, checkIn: new Date(`${jan(27)}T00:00:00Z`) } })).toBe(0);
    await client.close();
  });
});
