import type { Metadata } from "next";
import { RatesEditor } from "@/components/admin/rates-editor";
import { addDays, todayIn } from "@/lib/dates";
import { env } from "@/lib/env";
import { getRateSettings } from "@/lib/server/admin/rates/get-rate-settings";
import { requireAdminPage } from "@/lib/server/auth/require-admin-page";

export const metadata: Metadata = { title: "Rates" };

export default async function RatesPage() {
  await requireAdminPage("OWNER");
  const settings = await getRateSettings();
  const today = todayIn(env.PROPERTY_TIMEZONE);
  const start = addDays(today, 30);
  return (
    <>
      <h1>Rates and rules</h1>
      <p>
        Changes apply to quotes and holds from the moment you save; bookings already made keep the price and the
        cancellation terms they were sold under. Preview shows what sample stays would cost, and on what terms, before you
        save.
      </p>
      <RatesEditor settings={settings} defaultCheckIn={start} today={today} />
    </>
  );
}
