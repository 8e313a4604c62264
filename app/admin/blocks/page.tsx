import type { Metadata } from "next";
import { BlocksEditor } from "@/components/admin/blocks-editor";
import { addDays, todayIn } from "@/lib/dates";
import { env } from "@/lib/env";
import { listUpcomingOwnerBlocks } from "@/lib/server/admin/manage-blocks";
import { requireAdminPage } from "@/lib/server/auth/require-admin-page";
import { prisma } from "@/lib/server/db/client";

export const metadata: Metadata = { title: "Blocked nights" };

export default async function BlocksPage() {
  await requireAdminPage();
  const [blocks, units] = await Promise.all([
    listUpcomingOwnerBlocks(),
    prisma.unit.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const today = todayIn(env.PROPERTY_TIMEZONE);
  return (
    <>
      <h1>Blocked nights</h1>
      <p>Close a unit for repairs or your own use. Blocked nights cannot be booked; they cannot be placed over a booking or a guest who is paying.</p>
      <BlocksEditor blocks={blocks} units={units} defaultStart={addDays(today, 1)} />
    </>
  );
}
