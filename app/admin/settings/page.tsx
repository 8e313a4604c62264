import type { Metadata } from "next";
import { SettingsForm } from "@/components/admin/settings-form";
import { requireAdminPage } from "@/lib/server/auth/require-admin-page";
import { getPropertyInfo } from "@/lib/server/property/get-property-info";

export const metadata: Metadata = { title: "Property settings" };

export default async function SettingsPage() {
  await requireAdminPage("OWNER");
  const p = await getPropertyInfo();
  return (
    <>
      <h1>Property settings</h1>
      <p>Shown on the website, in guest emails and by the chatbot.</p>
      <SettingsForm
        initial={{
          name: p.name,
          addressLine1: p.address.line1,
          addressLine2: p.address.line2 ?? "",
          city: p.address.city,
          region: p.address.region,
          postalCode: p.address.postalCode,
          country: p.address.country,
          phone: p.phone,
          email: p.email,
          arrivalInstructions: p.arrivalInstructions,
        }}
      />
    </>
  );
}
