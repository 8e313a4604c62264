import "server-only";
import { randomBytes } from "node:crypto";

/**
 * A new row id for rows written without Prisma (which makes cuids for `@default(cuid())`): the
 * same shape, "c" then 24 lower-case letters and digits (25 in all), led like a cuid by the time in
 * base 36 (8 characters until 2059), so ids from both sources sort together by creation, then
 * random base 36 to fill.
 */
export function newId(): string {
  const time = Date.now().toString(36);
  let random = "";
  for (const byte of randomBytes(24 - time.length)) random += (byte % 36).toString(36);
  return `c${time}${random}`;
}
