import { daysClearOfWinter, expect, fillGuest, pickDates, propertyDate, test } from "./fixtures";

// The cancellation policy a guest reads before paying is the one the booking keeps: the checkout
// page states it in plain words with actual dates (from the checkout response), and the booking's
// snapshot (written by the webhook) holds exactly those lines. Cancelling afterwards through the
// API refunds what that policy gives (here: within 48 h of booking, everything).

test("the policy on the checkout page is the booking's snapshot, and cancelling refunds by it", async ({ page, shot, db, request }) => {
  // A 3-night cottage stay at least 50 days ahead, outside the winter minimum (see daysClearOfWinter).
  const day = daysClearOfWinter(50);
  const checkIn = propertyDate(day);
  const checkOut = propertyDate(day + 3);

  await page.goto("/units/9618-2br");
  await expect(page.getByText("Loading availability…")).toBeHidden();
  await pickDates(page, checkIn, checkOut);
  await fillGuest(page, { firstName: "Cy", lastName: "Moreno", email: `cy+${Date.now()}@example.test` });
  await page.getByRole("button", { name: "Reserve" }).click();
  await expect(page).toHaveURL(/\/checkout\?holdId=/);

  const policy = page.getByTestId("cancellation-policy");
  await expect(policy.getByRole("heading", { name: "Cancellation policy" })).toBeVisible();
  const shown = (await policy.locator("li").allTextContents()).map((line) => line.trim());
  // 50 days or more ahead: grace, 100% (30 days before), 50% (14 days before), fees only, then nothing.
  expect(shown).toHaveLength(5);
  expect(shown[0]).toBe("Full refund if you cancel within 48 hours of booking.");
  expect(shown[1]).toMatch(/^Full refund if you cancel before [A-Z][a-z]{2} \d{1,2}, \d{4} at 3:00 PM E[SD]T\.$/);
  await shot(page, "20-checkout-cancellation-policy");

  await page.getByLabel("Card number (test)").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page).toHaveURL(/\/bookings\/confirmation\?pi=pi_/);
  // The confirmation page shows the booking code (#15); the id is found by it.
  const bookingCode = (await page.getByTestId("booking-code").textContent())?.trim() ?? "";
  expect(bookingCode).toMatch(/^PAC-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);

  const stored = await db.query(`SELECT id, "cancellationPolicy" AS policy, "totalCents" FROM "Booking" WHERE code = $1`, [bookingCode]);
  const bookingId = stored.rows[0].id as string;
  const snapshot = stored.rows[0].policy as { summary: string[]; amounts: { totalCents: number } };
  expect(snapshot.summary).toEqual(shown);
  expect(snapshot.amounts.totalCents).toBe(stored.rows[0].totalCents);

  // Cancel through the API, as the chatbot would: within 48 h of booking, a full refund.
  const res = await request.post("/api/v1/bookings/cancel", {
    data: { bookingId, reason: "e2e: plans changed", actor: "chatbot" },
    headers: { authorization: `Bearer ${process.env.E2E_SERVICE_API_KEY}` },
  });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { cancelledBy: string; refund: { amountCents: number; status: string } };
  expect(body.cancelledBy).toBe("chatbot");
  expect(body.refund).toMatchObject({ amountCents: stored.rows[0].totalCents, status: "succeeded" });
  const ics = await (await request.get("/api/v1/units/9618-2br/ical.ics")).text();
  expect(ics).not.toContain(bookingId);
});
