import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { simpleParser, type ParsedMail } from "mailparser";
import path from "node:path";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { Client } from "pg";

// Shared helpers of the browser tests: API access (public and with the service key), screenshots
// under test-results/e2e/, calendar helpers, and clean-up of what a test created.

const SHOT_DIR = path.resolve(__dirname, "../../test-results/e2e");

export interface Quote {
  nights: number;
  totalCents: number;
  baseCents: number;
  discountCents: number;
  taxCents: number;
  currency: string;
  lineItems: { label: string; amountCents: number; kind: string }[];
}

interface Fixtures {
  /** Saves a full-page screenshot as test-results/e2e/<name>.png. */
  shot: (page: Page, name: string) => Promise<void>;
  api: Api;
  /** Direct SQL on the run's database, for clean-up and checks the API does not offer. */
  db: Client;
}

export class Api {
  constructor(private readonly request: APIRequestContext) {}

  async quote(unitId: string, checkIn: string, checkOut: string): Promise<Quote> {
    const res = await this.request.post("/api/v1/quote", { data: { unitId, checkIn, checkOut } });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as Quote;
  }

  async hold(unitId: string, checkIn: string, checkOut: string): Promise<{ holdId: string; expiresAt: string }> {
    const res = await this.request.post("/api/v1/holds", {
      data: { unitId, checkIn, checkOut, guests: 2 },
      headers: { authorization: `Bearer ${process.env.E2E_SERVICE_API_KEY}` },
    });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { holdId: string; expiresAt: string };
  }

  async checkout(holdId: string, customer: { firstName: string; lastName: string; email: string }) {
    const res = await this.request.post("/api/v1/checkout", {
      data: { holdId, customer },
      headers: { authorization: `Bearer ${process.env.E2E_SERVICE_API_KEY}` },
    });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as { paymentIntentId: string; amountCents: number; checkIn: string; checkOut: string };
  }

  async bookingStatus(pi: string): Promise<{ status: string; booking?: { id: string; checkIn: string; checkOut: string; totalCents: number } }> {
    const res = await this.request.get(`/api/site/booking-status?pi=${pi}`);
    expect(res.status()).toBe(200);
    return res.json();
  }
}

export const test = base.extend<Fixtures>({
  page: async ({ page }, use) => {
    // Under libfaketime the browser runs on the real clock (see playwright.config.ts): its pages
    // get the runner's shifted time, which then runs on normally.
    await useRunnerClock(page);
    await use(page);
  },
  shot: async ({}, use) => {
    mkdirSync(SHOT_DIR, { recursive: true });
    await use(async (page, name) => {
      await page.screenshot({ path: path.join(SHOT_DIR, `${name}.png`), fullPage: true });
    });
  },
  api: async ({ request }, use) => {
    await use(new Api(request));
  },
  db: async ({}, use) => {
    const client = new Client({ connectionString: process.env.E2E_DATABASE_URL });
    await client.connect();
    await use(client);
    await client.end();
  },
});

export { expect };

/** Today in the property's time zone, and a date `days` later (YYYY-MM-DD). */
export function propertyDate(days = 0): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * `days`, or `days` moved on by 121 days (about the length of the winter season) as often as
 * needed, so that the next `span` days all lie between May 1 and December 31. The seed gives the
 * cottages a 7-night minimum for check-ins from January to April (prisma/data/stay-rules.ts, every
 * year), so a short cottage stay `days` ahead is bookable in the autumn and refused in the winter;
 * from this offset it is bookable whatever the date. A fixed step (rather than "the next May 1")
 * keeps stays of different tests on one unit apart. At most two steps, inside the 18-month
 * booking horizon.
 */
export function daysClearOfWinter(days: number, span = 7): number {
  const clear = (offset: number) => Array.from({ length: span + 1 }, (_, i) => Number(propertyDate(offset + i).slice(5, 7)) >= 5).every(Boolean);
  let offset = days;
  while (!clear(offset)) offset += 121;
  return offset;
}

/**
 * Under libfaketime the browser runs on the real clock (see playwright.config.ts): a page from a
 * context the `page` fixture did not make gets the runner's shifted time the same way.
 */
export async function useRunnerClock(page: Page): Promise<void> {
  if (process.env.FAKETIME) await page.clock.install({ time: new Date() });
}

export function nightsOf(checkIn: string, checkOut: string): string[] {
  const out: string[] = [];
  const d = new Date(`${checkIn}T00:00:00Z`);
  const end = new Date(`${checkOut}T00:00:00Z`);
  while (d < end) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/** The calendar cell of a date, paging the calendar forward until that month is shown. */
export async function showDay(page: Page, iso: string) {
  const cell = page.locator(`.booking-card td[data-day="${iso}"]:not([data-outside])`);
  for (let i = 0; i < 30 && !(await cell.isVisible()); i++) {
    await page.getByRole("button", { name: /next month/i }).click();
  }
  await expect(cell).toBeVisible();
  return cell;
}

export async function pickDates(page: Page, checkIn: string, checkOut: string) {
  await (await showDay(page, checkIn)).getByRole("button").click();
  await (await showDay(page, checkOut)).getByRole("button").click();
}

export function money(cents: number): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);
}

export async function fillGuest(page: Page, who: { firstName: string; lastName: string; email: string; phone?: string }) {
  await page.getByLabel("First name").fill(who.firstName);
  await page.getByLabel("Last name").fill(who.lastName);
  await page.getByLabel("Email").fill(who.email);
  if (who.phone) await page.getByLabel("Phone (optional)").fill(who.phone);
}

/**
 * The first email the app sent (caught by the run's SMTP server, see global-setup.ts) that
 * matches, waiting for it: the app sends from its outbox right after the booking commits.
 */
export async function waitForMail(match: (mail: ParsedMail) => boolean, timeoutMs = 30_000): Promise<ParsedMail> {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is not set (global-setup.ts sets it)");
  const deadline = Date.now() + timeoutMs;
  const seen = new Map<string, ParsedMail>();
  while (Date.now() < deadline) {
    for (const file of readdirSync(dir).sort()) {
      if (!seen.has(file)) seen.set(file, await simpleParser(readFileSync(`${dir}/${file}`)));
      const mail = seen.get(file)!;
      if (match(mail)) return mail;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no matching email within ${timeoutMs} ms (${seen.size} caught)`);
}

export function recipientsOf(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((a) => a.value.map((v) => v.address ?? ""));
}
