import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import { daysClearOfWinter, expect, fillGuest, money, pickDates, propertyDate, recipientsOf, test, waitForMail } from "./fixtures";

// A guest books on the site, then everything after the payment happens from the email: the
// confirmation arrives (real SMTP), its manage link opens the booking, the .ics and the receipt
// download, and the guest cancels online and gets the cancellation email.

/** Date and HH:MM of an instant on the property's wall clock. */
function wallClock(date: Date) {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value;
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

test("a guest books, opens the manage link from the confirmation email, downloads the .ics and the receipt, and cancels", async ({ page, api, shot }) => {
  // A 3-night cottage stay outside the winter minimum (see daysClearOfWinter).
  const day = daysClearOfWinter(121);
  const checkIn = propertyDate(day);
  const checkOut = propertyDate(day + 3);
  const email = `mia+${Date.now()}@example.test`;
  const expected = await api.quote("essex", checkIn, checkOut);

  await page.goto("/units/essex");
  await expect(page.getByText("Loading availability…")).toBeHidden();
  await pickDates(page, checkIn, checkOut);
  await expect(page.getByTestId("quote-total")).toHaveText(money(expected.totalCents));
  await fillGuest(page, { firstName: "Mia", lastName: "Chen", email });
  await page.getByRole("button", { name: "Reserve" }).click();
  await expect(page).toHaveURL(/\/checkout\?holdId=/);
  await page.getByLabel("Card number (test)").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByTestId("confirmation")).toBeVisible();
  const code = (await page.getByTestId("booking-code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^PAC-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);

  // The confirmation email, with the code, the total and the manage link.
  const mail = await waitForMail((m) => recipientsOf(m).includes(email) && (m.subject ?? "").startsWith("Booking confirmed"));
  expect(mail.subject).toContain(code);
  expect(mail.text).toContain(money(expected.totalCents));
  expect(mail.attachments.map((a) => a.filename)).toEqual([`${code}.ics`]);
  const link = /https?:\/\/\S+\/bookings\/manage\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? "")?.[0];
  expect(link).toBeDefined();
  const owner = await waitForMail((m) => recipientsOf(m).includes("owner@palmaire.test") && (m.subject ?? "").includes(code));
  expect(owner.subject).toContain("New booking");

  // The manage page.
  await page.goto(new URL(link!).pathname);
  await expect(page.getByTestId("manage-booking")).toBeVisible();
  await expect(page.getByTestId("booking-code")).toHaveText(code);
  await expect(page.getByTestId("booking-unit")).toHaveText("Essex");
  await expect(page.getByTestId("booking-total")).toHaveText(money(expected.totalCents));
  await expect(page.getByTestId("booking-status")).toHaveText("Confirmed");
  await shot(page, "20-manage-booking");

  // The .ics: the stay from 15:00 on arrival to 11:00 on departure, property time.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-ics").click()]);
  expect(download.suggestedFilename()).toBe(`${code}.ics`);
  const ics = readFileSync((await download.path())!, "utf8");
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!);
  expect(wallClock(event.startDate.toJSDate())).toBe(`${checkIn} 15:00`);
  expect(wallClock(event.endDate.toJSDate())).toBe(`${checkOut} 11:00`);

  // The receipt, with the priced lines; without the token it is a plain 404.
  await page.getByTestId("receipt-link").click();
  await expect(page.getByTestId("receipt")).toBeVisible();
  await expect(page.getByRole("heading", { name: `Receipt ${code}` })).toBeVisible();
  for (const item of expected.lineItems) await expect(page.getByTestId("price-lines")).toContainText(item.label);
  await expect(page.getByTestId("booking-total")).toHaveText(money(expected.totalCents));
  await expect(page.getByTestId("receipt")).toContainText(email);
  await shot(page, "21-receipt");
  const bare = await page.request.get(`/bookings/${code}/receipt`);
  expect(bare.status()).toBe(404);
  expect(await bare.text()).not.toContain(email);
  const wrong = await page.request.get(`/bookings/manage/${"x".repeat(43)}`);
  expect(wrong.status()).toBe(404);
  expect((await page.request.get(`/bookings/manage/${"x".repeat(43)}/calendar.ics`)).status()).toBe(404);

  // Cancel online; the guest is told by email.
  await page.goto(new URL(link!).pathname);
  await page.getByRole("button", { name: "Cancel booking" }).click();
  await expect(page.getByText("Tick the box to confirm the cancellation.")).toBeVisible();
  await page.getByLabel(/Yes, cancel my stay/).check();
  await page.getByRole("button", { name: "Cancel booking" }).click();
  await expect(page.getByTestId("booking-status")).toHaveText("Cancelled");
  await shot(page, "22-cancelled");
  const cancelled = await waitForMail((m) => recipientsOf(m).includes(email) && (m.subject ?? "").startsWith("Booking cancelled"));
  expect(cancelled.subject).toContain(code);
});

test("a guest finds a booking by code and email, and a wrong email gets the same answer as a wrong code", async ({ page, api }) => {
  const checkIn = propertyDate(131);
  const checkOut = propertyDate(133);
  const email = `leo+${Date.now()}@example.test`;
  const { holdId } = await api.hold("rv-03", checkIn, checkOut);
  const started = await api.checkout(holdId, { firstName: "Leo", lastName: "Park", email });
  const paid = await page.request.post(`${process.env.E2E_STRIPE_URL}/_emulator/payment_intents/${started.paymentIntentId}/succeed`);
  expect(paid.status()).toBe(200);
  const mail = await waitForMail((m) => recipientsOf(m).includes(email) && (m.subject ?? "").startsWith("Booking confirmed"));
  const code = /PAC-[A-Z0-9]{6}/.exec(mail.subject ?? "")![0];

  await page.goto("/bookings/find");
  await page.getByLabel("Booking code").fill(code);
  await page.getByLabel("Email").fill("not.leo@example.test");
  await page.getByRole("button", { name: "Find my booking" }).click();
  await expect(page.getByTestId("find-error")).toHaveText("No booking matches that booking code and email.");

  await page.getByLabel("Booking code").fill(code.toLowerCase());
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Find my booking" }).click();
  await expect(page).toHaveURL(/\/bookings\/manage\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("booking-code")).toHaveText(code);
  await expect(page.getByTestId("booking-unit")).toHaveText("RV-03");
});
