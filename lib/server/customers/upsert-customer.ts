import "server-only";
import type { Customer, PrismaClient } from "@prisma/client";
import type { CustomerInput } from "@/lib/api/schemas/common";
import type { Tx } from "@/lib/server/db/client";

/**
 * Creates the customer or updates the names (and the phone, when given) of the one with that
 * email. A single INSERT ... ON CONFLICT, so two requests for the same new email cannot both
 * insert. Email is the identity: it is compared lower-case.
 */
export async function upsertCustomer(db: PrismaClient | Tx, input: CustomerInput): Promise<Customer> {
  const email = input.email.trim().toLowerCase();
  const names = { firstName: input.firstName, lastName: input.lastName };
  return db.customer.upsert({
    where: { email },
    create: { ...names, email, phone: input.phone ?? null },
    // A missing phone keeps the one on file rather than erasing it.
    update: { ...names, ...(input.phone !== undefined ? { phone: input.phone } : {}) },
  });
}
