import "server-only";
import type { Customer, PrismaClient } from "@prisma/client";
import type { CustomerInput } from "@/lib/api/schemas/common";
import type { Tx } from "@/lib/server/db/client";

/**
 * Finds the customer with that email or creates one. An existing customer is never changed:
 * whoever types an email must not rename (or re-phone) the person it belongs to, so the name and
 * phone given for one stay live on its hold and booking (guest* columns), not here. A single
 * INSERT ... ON CONFLICT, so two requests for the same new email cannot both insert. Email is
 * the identity: it is compared lower-case.
 */
export async function upsertCustomer(db: PrismaClient | Tx, input: CustomerInput): Promise<Customer> {
  const email = customerEmail(input);
  const names = { firstName: input.firstName, lastName: input.lastName };
  return db.customer.upsert({
    where: { email },
    create: { ...names, email, phone: input.phone ?? null },
    update: {},
  });
}

/** The email a customer is found by: its identity, compared lower-case. */
export function customerEmail(input: CustomerInput): string {
  return input.email.trim().toLowerCase();
}

/** The hold/booking columns that keep what the guest gave for this stay. */
export function guestSnapshot(input: CustomerInput): { guestFirstName: string; guestLastName: string; guestPhone: string | null } {
  return { guestFirstName: input.firstName, guestLastName: input.lastName, guestPhone: input.phone ?? null };
}
