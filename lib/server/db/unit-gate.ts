import "server-only";
import { sqlState } from "@/lib/server/db/errors";
import { unitBusy } from "@/lib/server/db/map-db-error";

// Writers of one unit queue on its advisory lock while each holds a pooled connection. Without a
// bound, one stuck transaction on a unit (a slow statement, an operator's psql) let its waiting
// writers take every pooled connection and froze the whole API. The gate admits at most
// MAX_ACTIVE_PER_UNIT writers of a unit to the pool at once and queues the rest in memory (no
// connection held). When an admitted writer gives up on the unit's lock (lock_timeout, see
// lock-unit.ts), the lock is stuck, not busy: every writer queued behind it is refused at once
// instead of taking its turn at the same wait. A busy unit (a burst of holds) keeps making
// progress, so its queue drains normally.

/** Writers of one unit holding a pooled connection at once, per process: writers of one unit
 * are serialised by its lock anyway, so more would only wait there holding connections. */
export const MAX_ACTIVE_PER_UNIT = 1;
/** Writers of one unit waiting in memory for the gate; more are refused at once. A queued writer
 * holds no connection, and one whose nights were just taken is refused without one (see
 * GateTicket), so a burst of a few hundred guests on one stay drains in well under a second. */
export const MAX_QUEUED_PER_UNIT = 256;
/** Longest a writer waits in the queue before it is refused (ms): a backstop, not the usual path. */
export const QUEUE_TIMEOUT_MS = 30_000;

interface Waiter {
  admit(): void;
  refuse(): void;
  timer: NodeJS.Timeout;
}

interface Gate {
  active: number;
  queue: Waiter[];
  /** Date ranges [start, end) writers of this unit committed while others were queued. */
  taken: Array<[string, string]>;
}

/**
 * What a writer admitted by the gate knows about the writers just before it. Only ranges they
 * committed are recorded, and only while writers are queued (the gate is dropped when idle), so
 * an overlap found here is a fact: those nights were taken moments ago. No overlap proves nothing;
 * the transaction and the EXCLUDE constraint still decide.
 */
export interface GateTicket {
  /** Whether [start, end) overlaps a range a writer of this unit committed while this one queued. */
  overlapsTaken(start: string, end: string): boolean;
  /** Records a committed range [start, end) for the writers still queued. */
  recordTaken(start: string, end: string): void;
}

const globalForGates = globalThis as unknown as { __palmUnitGates?: Map<string, Gate> };
const gates = (globalForGates.__palmUnitGates ??= new Map<string, Gate>());

function release(unitId: string, gate: Gate, lockTimedOut: boolean) {
  if (lockTimedOut) {
    for (const waiter of gate.queue.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.refuse();
    }
  }
  const next = gate.queue.shift();
  if (next) {
    clearTimeout(next.timer);
    next.admit(); // the slot passes straight to the next writer
    return;
  }
  gate.active--;
  if (gate.active === 0) {
    gates.delete(unitId);
    gate.taken.length = 0;
  }
}

/** Runs `fn` once the unit's gate admits it; refuses with 503 + Retry-After when the unit is stuck. */
export async function withUnitGate<T>(unitId: string, fn: (ticket: GateTicket) => Promise<T>): Promise<T> {
  let gate = gates.get(unitId);
  if (!gate) {
    gate = { active: 0, queue: [], taken: [] };
    gates.set(unitId, gate);
  }
  if (gate.active < MAX_ACTIVE_PER_UNIT) {
    gate.active++;
  } else {
    if (gate.queue.length >= MAX_QUEUED_PER_UNIT) throw unitBusy();
    const g = gate;
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        admit: resolve,
        refuse: () => reject(unitBusy()),
        timer: setTimeout(() => {
          g.queue.splice(g.queue.indexOf(waiter), 1);
          reject(unitBusy());
        }, QUEUE_TIMEOUT_MS),
      };
      g.queue.push(waiter);
    });
  }
  let lockTimedOut = false;
  const g = gate;
  const ticket: GateTicket = {
    overlapsTaken: (start, end) => g.taken.some(([s, e]) => s < end && start < e),
    recordTaken: (start, end) => {
      if (g.queue.length > 0 && g.taken.length < MAX_QUEUED_PER_UNIT) g.taken.push([start, end]);
    },
  };
  try {
    return await fn(ticket);
  } catch (error) {
    lockTimedOut = isLockTimeout(error);
    throw error;
  } finally {
    release(unitId, gate, lockTimedOut);
  }
}

function isLockTimeout(error: unknown): boolean {
  return sqlState(error) === "55P03";
}
