import "server-only";
import { randomBytes } from "node:crypto";

/**
 * A new row id for rows written without Prisma (which makes cuids for `@default(cuid())`): the
 * same shape, "c" then 24 lower-case letters and digits (25 in all), led by the time in base 36 so
 * ids sort roughly by creation like Prisma's, then 15 random bytes' worth of base 36.
 */
export function newId(): string {
  const time = Date.now().toString(36).padStart(9, "0").slice(-9);
  let random = "";
  for (const byte of randomBytes(15)) random += (byte % 36).toString(36);
  return `c${time}${random}`;
}
