import type { Metadata } from "next";
import { ManualBookingForm } from "@/components/admin/manual-booking-form";
import { requireAdminPage } from "@/lib/server/auth/require-admin-page";
import { prisma } from "@/lib/server/db/client";
import { todayIn } from "@/lib/dates";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "New booking" };

export default async function NewBookingPage() {
  const admin = await requireAdminPage();
  const units = await prisma.unit.findMany({ where: { active: true }, select: { id: true, name: true, capacity: true, petFriendly: true }, orderBy: { name: "asc" } });
  return (
    <>
      <h1>New booking</h1>
      <p>For a guest who phones or walks in. The price comes from your rates, as on the website; check it before saving.</p>
      <ManualBookingForm units={units} isOwner={admin.role === "OWNER"} today={todayIn(env.PROPERTY_TIMEZONE)} />
    </>
  );
}
