import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import { exportToken, exportTokenInput } from "@/lib/api/schemas/channels";
import { prisma, type Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { resolveUnit } from "./manage-feeds";

// Secret export URLs, one or more per unit and channel: /api/v1/units/<id>/ical/<token>.ics.
// The token is 32 random bytes shown once; only its SHA-256 is stored, so a database dump does
// not reveal working URLs. A fast hash is enough: the token has 256 bits of entropy.

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function exportPath(unitId: string, token: string): string {
  return `/api/v1/units/${unitId}/ical/${token}.ics`;
}

export async function createExportToken(
  input: z.input<typeof exportTokenInput>,
  db: Db = prisma,
): Promise<{ id: string; unitId: string; channel: string; token: string; path: string }> {
  const parsed = exportTokenInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", "The request is not valid; see issues.", {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  const unit = await resolveUnit(db, parsed.data.unit);
  const token = randomBytes(32).toString("base64url");
  const row = await db.channelExportToken.create({
    data: { unitId: unit.id, channel: parsed.data.channel, tokenHash: hashToken(token) },
    select: { id: true },
  });
  return { id: row.id, unitId: unit.id, channel: parsed.data.channel, token, path: exportPath(unit.id, token) };
}

export async function listExportTokens(options: { unit?: string } = {}, db: Db = prisma) {
  const unitId = options.unit ? (await resolveUnit(db, options.unit)).id : undefined;
  return db.channelExportToken.findMany({
    where: unitId ? { unitId } : {},
    select: { id: true, unitId: true, channel: true, createdAt: true, revokedAt: true },
    orderBy: [{ unitId: "asc" }, { channel: "asc" }, { createdAt: "asc" }],
  });
}

/** Revokes a token: its URL answers 404 from then on. Revoking twice is harmless. */
export async function revokeExportToken(id: string, options: { now: Date }, db: Db = prisma): Promise<void> {
  const found = await db.channelExportToken.findUnique({ where: { id }, select: { revokedAt: true } });
  if (!found) throw new AppError("NOT_FOUND", "No export URL has this id.");
  if (!found.revokedAt) await db.channelExportToken.update({ where: { id }, data: { revokedAt: options.now } });
}

/** The channel a live token of this unit exports for, or null (unknown, revoked, other unit, malformed). */
export async function findExportChannel(unitId: string, token: string, db: Db = prisma): Promise<string | null> {
  if (!exportToken.safeParse(token).success) return null;
  const row = await db.channelExportToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { unitId: true, channel: true, revokedAt: true },
  });
  return row && !row.revokedAt && row.unitId === unitId ? row.channel : null;
}
