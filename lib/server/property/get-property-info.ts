import "server-only";
import { env } from "@/lib/env";
import { prisma, type Db } from "@/lib/server/db/client";
import { property as defaults } from "@/prisma/data/property";

export interface PropertyInfo {
  name: string;
  address: {
    line1: string;
    line2: string | null;
    city: string;
    region: string;
    postalCode: string;
    country: string;
  };
  phone: string;
  email: string;
  timezone: string;
  checkInTime: string;
  checkOutTime: string;
  arrivalInstructions: string;
}

/**
 * The property's public facts for the site, emails and the chatbot: the owner's settings row,
 * or the shipped defaults until the seed has created it. One indexed query.
 */
export async function getPropertyInfo(db: Db = prisma): Promise<PropertyInfo> {
  const row = (await db.propertySettings.findUnique({ where: { id: 1 } })) ?? {
    ...defaults,
  };
  return {
    name: row.name,
    address: {
      line1: row.addressLine1,
      line2: row.addressLine2,
      city: row.city,
      region: row.region,
      postalCode: row.postalCode,
      country: row.country,
    },
    phone: row.phone,
    email: row.email,
    timezone: env.PROPERTY_TIMEZONE,
    checkInTime: env.CHECKIN_TIME,
    checkOutTime: env.CHECKOUT_TIME,
    arrivalInstructions: row.arrivalInstructions,
  };
}
