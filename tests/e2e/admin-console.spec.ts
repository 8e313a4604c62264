import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { expect, money, propertyDate, recipientsOf, test, waitForMail } from "./fixtures";
import { signInAs } from "./admin-session";

// The owner console in Chromium: every page refuses a visitor without a session and owner pages
// refuse staff; the board, a booking with a note, CSV export and a rate change with preview work
// as the owner would use them, and so do a tax and stay-rule change with preview and the channels
// page; no page has a serious or critical accessibility violation.

const OWNER_PAGES = ["/admin/rates", "/admin/channels", "/admin/settings", "/admin/users", "/admin/log"];
const STAFF_PAGES = ["/admin", "/admin/board", "/admin/bookings"];

async function noSeriousViolations(page: import("@playwright/test").Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("every console page sends a visitor without a session to sign in", async ({ page }) => {
  for (const path of [...STAFF_PAGES, ...OWNER_PAGES, "/admin/bookings/some-id"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/admin\/sign-in$/);
  }
  await expect(page.getByRole("heading", { name: "Owner console" })).toBeVisible();
  await noSeriousViolations(page);
});

test("the owner signs in with the emailed link, and nobody else gets one", async ({ page, shot }) => {
  // OWNER_EMAIL of the e2e server is made the first owner at start-up.
  const owner = "owner@palmaire.test";
  await page.goto("/admin/sign-in");
  await page.getByLabel("Your email").fill("stranger@example.test");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("If that address belongs to the owner or staff");

  await page.goto("/admin/sign-in");
  await page.getByLabel("Your email").fill(owner);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  // The same answer for both addresses: the form does not reveal who works here.
  await expect(page.getByRole("status")).toContainText("If that address belongs to the owner or staff");
  await shot(page, "admin-sign-in-sent");
  const mail = await waitForMail((m) => recipientsOf(m).includes(owner) && (m.subject ?? "").startsWith("Sign in to"));
  const link = /https?:\/\/\S+\/api\/auth\/callback\/email\?\S+/.exec(mail.text ?? "")?.[0];
  expect(link, mail.text).toBeTruthy();
  await page.goto(link!);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: /^Today,/ })).toBeVisible();
  await expect(page.getByText(`${owner} (owner)`)).toBeVisible();
  // A link works once.
  await page.context().clearCookies();
  await page.goto(link!);
  await expect(page).toHaveURL(/\/admin\/sign-in\?error=/);
  await expect(page.getByText("That sign-in link is no longer valid.")).toBeVisible();
  // Nothing was sent to the stranger.
  await expect(waitForMail((m) => recipientsOf(m).includes("stranger@example.test"), 1_000)).rejects.toThrow();
});

test("staff reach the calendar and bookings, and owner pages do not exist for them", async ({ page, context, db }) => {
  const staff = await signInAs(db, context, "STAFF");
  try {
    for (const path of STAFF_PAGES) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
    }
    for (const path of OWNER_PAGES) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
    }
    await page.goto("/admin");
    await expect(page.getByRole("link", { name: "Rates" })).toHaveCount(0);
  } finally {
    await staff.cleanup();
  }
});

test("the owner's day: dashboard, board, a booking with a note, CSV export, and a rate change with preview", async ({ page, context, db, shot, api }) => {
  const owner = await signInAs(db, context, "OWNER");
  // A confirmed booking arriving today, made directly in the database (the payment path has its own tests).
  const unit = (await db.query(`SELECT id, name FROM "Unit" WHERE slug = 'view'`)).rows[0] as { id: string; name: string };
  const customer = `c${Date.now()}`;  // removed with the run's database
  await db.query(`INSERT INTO "Customer" (id, "firstName", "lastName", email, "updatedAt") VALUES ($1, 'Rosa', 'Parks-Test', $2, now())`, [customer, `${customer}@example.test`]);
  const booking = `b${Date.now()}`;
  const trailerNightly = (await db.query(`SELECT nightly FROM "RatePlan" WHERE category = 'TRAILER'`)).rows[0].nightly as number;
  await db.query(`INSERT INTO "Booking" (id, "unitId", "customerId", "checkIn", "checkOut", "totalCents", "baseCents", "discountCents", "feesCents", "taxCents", "updatedAt") VALUES ($1, $2, $3, $4, $5, 45000, 41000, 0, 4000, 0, now())`, [booking, unit.id, customer, propertyDate(0), propertyDate(3)]);
  try {
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: /^Today,/ })).toBeVisible();
    await expect(page.getByText("Rosa Parks-Test").first()).toBeVisible();
    await noSeriousViolations(page);
    await shot(page, "admin-dashboard");

    await page.goto("/admin/board");
    const item = page.getByRole("link", { name: new RegExp(`${unit.name}: Rosa Parks-Test`) });
    await expect(item).toBeVisible();
    await noSeriousViolations(page);
    await shot(page, "admin-board");
    await page.setViewportSize({ width: 375, height: 800 });
    await shot(page, "admin-board-375");
    await page.setViewportSize({ width: 1280, height: 900 });
    await item.click();

    await expect(page.getByRole("heading", { name: `Rosa Parks-Test · ${unit.name}` })).toBeVisible();
    await page.getByLabel(/Add a note/).fill("Arriving late, around 22:00.");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByText("Arriving late, around 22:00.").first()).toBeVisible();
    await noSeriousViolations(page);
    await shot(page, "admin-booking");

    await page.goto("/admin/bookings?q=parks-test");
    await expect(page.getByRole("link", { name: "Rosa Parks-Test" })).toBeVisible();
    await noSeriousViolations(page);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const csv = readFileSync((await (await download).path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe("Booking,Unit,Guest,Email,Phone,Check-in,Check-out,Nights,Status,Total,Currency,Booked at");
    expect(csv).toContain(`${booking},${unit.name},Rosa Parks-Test,`);
    expect(csv.trimEnd().split("\r\n")).toHaveLength(2);
    await shot(page, "admin-bookings");

    // A rate change: preview the sample stays, then save; the next public quote uses it.
    const checkIn = propertyDate(45);
    const before = await api.quote("trailer-01", checkIn, propertyDate(48));
    await page.goto("/admin/rates");
    await noSeriousViolations(page);
    const nightly = page.getByLabel("All trailers: Night");
    const oldNightly = Number(await nightly.inputValue());
    await nightly.fill(String(oldNightly + 10));
    await page.getByRole("combobox", { name: "Unit", exact: true }).selectOption({ label: "Trailer-01" });
    await page.getByRole("textbox", { name: "Check-in", exact: true }).fill(checkIn);
    await page.getByRole("button", { name: "Preview" }).click();
    const firstSample = page.getByRole("table", { name: "Sample stays" }).getByRole("row").nth(1);
    await expect(firstSample).toContainText(`${checkIn} →`);
    await shot(page, "admin-rates-preview");
    // Preview changed nothing.
    expect((await api.quote("trailer-01", checkIn, propertyDate(48))).totalCents).toBe(before.totalCents);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved. New quotes use these rates.");
    const after = await api.quote("trailer-01", checkIn, propertyDate(48));
    expect(after.totalCents).toBeGreaterThan(before.totalCents);
    await page.goto("/admin/log");
    await expect(page.getByRole("cell", { name: "Rate plan changed" }).first()).toBeVisible();
    await noSeriousViolations(page);
    await shot(page, "admin-log");

    for (const path of ["/admin/settings", "/admin/users"]) {
      await page.goto(path);
      await noSeriousViolations(page);
    }
  } finally {
    await db.query(`UPDATE "RatePlan" SET nightly = $1 WHERE category = 'TRAILER'`, [trailerNightly]);
    // Cancelled rather than deleted (other rows point at it); it frees the nights for other tests.
    await db.query(`UPDATE "Booking" SET status = 'CANCELLED', "cancelledAt" = now() WHERE id = $1`, [booking]);
    await owner.cleanup();
  }
});

test("the owner previews and saves a tax rate and a minimum stay, and the next quote uses them", async ({ page, context, db, shot, api }) => {
  const owner = await signInAs(db, context, "OWNER");
  const checkIn = propertyDate(50);
  const rule = (await db.query(`SELECT "minNights" FROM "StayRule" WHERE name = 'Property defaults'`)).rows[0] as { minNights: number | null };
  try {
    const before = await api.quote("trailer-01", checkIn, propertyDate(57));
    await page.goto("/admin/rates");
    await expect(page.getByRole("heading", { name: "Rates and rules" })).toBeVisible();
    await noSeriousViolations(page);
    await page.getByLabel("Tourist development tax: rate percent").fill("6");
    await page.getByLabel("Property defaults: minimum nights").fill("4");
    await page.getByRole("combobox", { name: "Unit", exact: true }).selectOption({ label: "Trailer-01" });
    await page.getByRole("textbox", { name: "Check-in", exact: true }).fill(checkIn);
    await page.getByRole("button", { name: "Preview" }).click();
    const rows = page.getByRole("table", { name: "Sample stays" }).getByRole("row");
    // The 3-night sample falls under the new 4-night minimum; the 7-night one pays the higher tax.
    await expect(rows.nth(1)).toContainText("at least 4 nights");
    await expect(rows.nth(2)).toContainText("tax");
    await expect(rows.nth(2)).toContainText("Refund");
    await shot(page, "admin-rules-preview");
    expect((await api.quote("trailer-01", checkIn, propertyDate(57))).totalCents).toBe(before.totalCents);

    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved. New quotes use these rates.");
    const after = await api.quote("trailer-01", checkIn, propertyDate(57));
    // One more percent of the same taxable amount: the base and fees are unchanged.
    expect(after.taxCents).toBeGreaterThan(before.taxCents);
    expect(after.totalCents - after.taxCents).toBe(before.totalCents - before.taxCents);
    await page.goto("/admin/log");
    await expect(page.getByRole("cell", { name: "Tax rate ended" }).first()).toBeVisible();
    await expect(page.getByRole("cell", { name: "Stay rule changed" }).first()).toBeVisible();
  } finally {
    // Put the seeded tax and rule back for the other specs (the log keeps the record).
    await db.query(`DELETE FROM "Tax" WHERE code LIKE 'county-tdt-%'`);
    await db.query(`UPDATE "Tax" SET "effectiveTo" = NULL WHERE code = 'county-tdt'`);
    await db.query(`UPDATE "StayRule" SET "minNights" = $1 WHERE name = 'Property defaults'`, [rule.minNights]);
    await owner.cleanup();
  }
});

test("the owner adds a tax and a stay rule, and the next quote uses them", async ({ page, context, db, api }) => {
  const owner = await signInAs(db, context, "OWNER");
  const checkIn = propertyDate(150);
  try {
    const before = await api.quote("trailer-01", checkIn, propertyDate(157));
    await page.goto("/admin/rates");
    await expect(page.getByRole("heading", { name: "Rates and rules" })).toBeVisible();

    await page.getByRole("button", { name: "Add a tax" }).click();
    await page.getByLabel("New tax 1: name").fill("City surcharge");
    await page.getByLabel("New tax 1: code (letters, digits, dashes)").fill("city-surcharge");
    await page.getByLabel("New tax 1: rate percent").fill("1");
    // A second row added by mistake goes away again before anything is saved.
    await page.getByRole("button", { name: "Add a tax" }).click();
    await page.getByRole("button", { name: "Remove New tax 2" }).click();
    await expect(page.getByLabel("New tax 2: name")).toHaveCount(0);

    await page.getByRole("button", { name: "Add a stay rule" }).click();
    await page.getByLabel("New stay rule 1: name").fill("Trailer weeks");
    await page.getByLabel("New stay rule 1: applies to").selectOption({ label: "All trailers" });
    await page.getByLabel("New stay rule 1: minimum nights").fill("7");
    await noSeriousViolations(page);

    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved. New quotes use these rates.");
    // The page shows the saved rows as rows of the table now, not as new ones.
    await expect(page.getByRole("rowheader", { name: "City surcharge" })).toBeVisible();
    await expect(page.getByRole("rowheader", { name: "Trailer weeks" })).toBeVisible();
    await expect(page.getByLabel("New tax 1: name")).toHaveCount(0);

    // A 3-night trailer stay is now refused by the new rule.
    const short = await page.request.post("/api/v1/quote", { data: { unitId: "trailer-01", checkIn, checkOut: propertyDate(153) } });
    expect(short.status()).toBe(422);
    expect(await short.json()).toMatchObject({ error: { code: "STAY_NOT_ALLOWED", details: { rule: "MIN_NIGHTS", minNights: 7 } } });
    // The week pays one more tax line: 1 % of the nights after discounts, rounded half up once.
    const after = await api.quote("trailer-01", checkIn, propertyDate(157));
    const net = before.baseCents - before.discountCents;
    const expected = Math.floor((net + 50) / 100);
    expect(after.lineItems.find((l) => l.label.startsWith("City surcharge"))?.amountCents).toBe(expected);
    expect(after.taxCents - before.taxCents).toBe(expected);
    expect(after.totalCents - before.totalCents).toBe(expected);

    await page.goto("/admin/log");
    await expect(page.getByRole("cell", { name: "Tax added" }).first()).toBeVisible();
    await expect(page.getByRole("cell", { name: "Stay rule added" }).first()).toBeVisible();
  } finally {
    await db.query(`DELETE FROM "Tax" WHERE code = 'city-surcharge'`);
    await db.query(`DELETE FROM "StayRule" WHERE name = 'Trailer weeks'`);
    await owner.cleanup();
  }
});

test("the owner connects a channel calendar, makes and revokes an export URL, pauses the feed and removes it", async ({ page, context, db, shot }) => {
  const owner = await signInAs(db, context, "OWNER");
  try {
    await page.goto("/admin/channels");
    await expect(page.getByRole("heading", { name: "Channels", exact: true })).toBeVisible();
    await noSeriousViolations(page);
    await page.getByLabel("Calendar URL (.ics)").fill("https://www.airbnb.example/calendar/ical/e2e.ics?s=abc");
    await page.getByRole("button", { name: "Add feed" }).click();
    await expect(page.getByRole("status")).toHaveText("Feed added; it is read at the next sync.");
    await expect(page.getByRole("cell", { name: "Waiting for the first sync" })).toBeVisible();

    await page.getByRole("button", { name: "Create export URL" }).click();
    await expect(page.getByText("Copy this URL into the channel now")).toContainText("/ical/");
    await noSeriousViolations(page);
    await shot(page, "admin-channels");

    await page.getByRole("button", { name: /^Revoke airbnb URL of / }).click();
    await expect(page.getByRole("status")).toHaveText("Export URL revoked; it answers 404 from now on.");
    await expect(page.getByRole("cell", { name: /^Revoked / })).toBeVisible();
    await page.getByRole("button", { name: /^Pause airbnb feed of / }).click();
    await expect(page.getByRole("cell", { name: "Paused" })).toBeVisible();

    // Removal asks once more in the row; "Keep it" leaves the feed alone.
    await page.getByRole("button", { name: /^Remove airbnb feed of / }).click();
    await expect(page.getByText("Remove this feed?")).toBeVisible();
    // The button that was clicked is gone: focus moves to the safe answer.
    await expect(page.getByRole("button", { name: "Keep it" })).toBeFocused();
    await noSeriousViolations(page);
    await page.getByRole("button", { name: "Keep it" }).click();
    await expect(page.getByRole("cell", { name: "Paused" })).toBeVisible();
    await page.getByRole("button", { name: /^Remove airbnb feed of / }).click();
    await page.getByRole("button", { name: /^Yes, remove the airbnb feed of / }).click();
    await expect(page.getByRole("status")).toHaveText("Feed removed; the nights it blocked are open.");
    await expect(page.getByRole("button", { name: /^Remove airbnb feed of / })).toHaveCount(0);
    const left = await db.query(`SELECT count(*)::int AS n FROM "ChannelFeed" WHERE url LIKE 'https://www.airbnb.example/%'`);
    expect(left.rows[0].n).toBe(0);
  } finally {
    await db.query(`DELETE FROM "ChannelFeed" WHERE url LIKE 'https://www.airbnb.example/%'`);
    await db.query(`DELETE FROM "ChannelExportToken" WHERE channel = 'airbnb'`);
    await owner.cleanup();
  }
});

test("the dashboard lists a channel conflict and an undelivered email with links to act on them", async ({ page, context, db }) => {
  const owner = await signInAs(db, context, "OWNER");
  const unit = (await db.query(`SELECT id, name FROM "Unit" WHERE slug = 'trailer-02'`)).rows[0] as { id: string; name: string };
  const id = `e2e${Date.now()}`;
  await db.query(`INSERT INTO "Customer" (id, "firstName", "lastName", email, "updatedAt") VALUES ($1, 'Lena', 'Conflict-Test', $2, now())`, [id, `${id}@example.test`]);
  await db.query(`INSERT INTO "Booking" (id, "unitId", "customerId", "checkIn", "checkOut", "totalCents", "baseCents", "discountCents", "feesCents", "taxCents", "updatedAt") VALUES ($1, $2, $1, $3, $4, 30000, 30000, 0, 0, 0, now())`, [id, unit.id, propertyDate(70), propertyDate(73)]);
  await db.query(`INSERT INTO "ChannelFeed" (id, "unitId", channel, url, "updatedAt") VALUES ($1, $2, 'vrbo', 'https://vrbo.example/e2e.ics', now())`, [id, unit.id]);
  await db.query(`INSERT INTO "ChannelConflict" (id, "unitId", "feedId", channel, "externalUid", "blockStart", "blockEnd", "stayKind", "stayId", "stayStart", "stayEnd") VALUES ($1, $2, $1, 'vrbo', 'uid-e2e', $3, $4, 'booking', $1, $3, $4)`, [id, unit.id, propertyDate(70), propertyDate(73)]);
  await db.query(`INSERT INTO "OutboxMessage" (id, kind, recipient, "bookingId", status, attempts, "messageId", "lastError", "updatedAt") VALUES ($1, 'BOOKING_CONFIRMED', 'GUEST', $1, 'FAILED', 8, $2, 'EENVELOPE 550', now())`, [id, `<${id}@palmairecourt.test>`]);
  try {
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Needs your attention" })).toBeVisible();
    await expect(page.getByText(`${unit.name}: vrbo sold`)).toBeVisible();
    await expect(page.getByText("Booking confirmation to the guest (EENVELOPE 550)")).toBeVisible();
    await noSeriousViolations(page);
    await page.getByRole("link", { name: "Open the booking" }).click();
    await expect(page.getByRole("heading", { name: `Lena Conflict-Test · ${unit.name}` })).toBeVisible();
  } finally {
    await db.query(`UPDATE "ChannelConflict" SET "resolvedAt" = now() WHERE id = $1`, [id]);
    await db.query(`DELETE FROM "ChannelFeed" WHERE id = $1`, [id]);
    await db.query(`UPDATE "OutboxMessage" SET status = 'SKIPPED' WHERE id = $1`, [id]);
    await db.query(`UPDATE "Booking" SET status = 'CANCELLED', "cancelledAt" = now() WHERE id = $1`, [id]);
    await owner.cleanup();
  }
});

test("a phone booking: the server's price first, paid in cash, confirmed and emailed, and the confirmation sent again", async ({ page, context, db, shot, api }) => {
  const owner = await signInAs(db, context, "OWNER");
  const checkIn = propertyDate(150);
  const checkOut = propertyDate(154);
  const email = `phone-${Date.now()}@example.test`;
  let bookingId: string | undefined;
  try {
    await page.goto("/admin/bookings");
    await page.getByRole("link", { name: "New booking" }).click();
    await expect(page.getByRole("heading", { name: "New booking" })).toBeVisible();
    await noSeriousViolations(page);

    await page.getByLabel("Unit", { exact: true }).selectOption({ label: "RV-02 (sleeps 6)" });
    await page.getByLabel("Check-in", { exact: true }).fill(checkIn);
    await page.getByLabel("Check-out", { exact: true }).fill(checkOut);
    // The owner books past any seasonal rule; nights taken would still be refused.
    await page.getByLabel(/Waive the stay rules/).check();
    await page.getByRole("button", { name: "Show price" }).click();
    // The same engine as the public quote, so the same total.
    const publicQuote = await api.quote("rv-02", checkIn, checkOut);
    const priceTable = page.getByRole("table", { name: /Price of 4 nights/ });
    await expect(priceTable.getByRole("row").last()).toContainText(money(publicQuote.totalCents));

    await page.getByLabel("First name").fill("Pat");
    await page.getByLabel("Last name").fill("Phone-Test");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Phone (optional)").fill("+1 239 555 0142");
    await page.getByLabel("Paid in cash").check();
    await noSeriousViolations(page);
    await shot(page, "admin-manual-booking");
    await page.getByRole("button", { name: "Save booking" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Booked: PAC-" })).toBeVisible();
    await shot(page, "admin-manual-booking-saved");

    await page.getByRole("link", { name: "Open the booking" }).click();
    await expect(page.getByRole("heading", { name: "Pat Phone-Test · RV-02" })).toBeVisible();
    bookingId = page.url().split("/").pop();
    await expect(page.getByText("paid offline (cash)").first()).toBeVisible();
    const confirmation = await waitForMail((m) => recipientsOf(m).includes(email));
    expect(confirmation.subject).toMatch(/PAC-/);

    await page.getByRole("button", { name: "Resend confirmation" }).click();
    await expect(page.getByRole("status").filter({ hasText: "on its way" })).toBeVisible();
    await expect(page.getByRole("table").filter({ hasText: "Sent" }).getByRole("row").filter({ hasText: email })).toHaveCount(2);
    await noSeriousViolations(page);
    await shot(page, "admin-manual-booking-emails");
  } finally {
    if (bookingId) await db.query(`UPDATE "Booking" SET status = 'CANCELLED', "cancelledAt" = now() WHERE id = $1`, [bookingId]);
    await owner.cleanup();
  }
});
