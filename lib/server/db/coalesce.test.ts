import { describe, expect, it } from "vitest";
import { coalesce } from "./coalesce";

// A read whose queries the test settles by hand: each call records when it was sent and what it
// will answer, so the test can check which query every caller got.
function manualRead() {
  const sent: Array<{ resolve: (value: number) => void; reject: (error: Error) => void }> = [];
  const read = () =>
    new Promise<number>((resolve, reject) => {
      sent.push({ resolve, reject });
    });
  return { read, sent };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("coalesce", () => {
  it("a lone caller sends its own query at once", async () => {
    const { read, sent } = manualRead();
    const shared = coalesce(read);
    const answer = shared();
    expect(sent).toHaveLength(1);
    sent[0]!.resolve(7);
    expect(await answer).toBe(7);
  });

  it("callers arriving while a query runs share the next one, sent only after the first settles", async () => {
    const { read, sent } = manualRead();
    const shared = coalesce(read);
    const first = shared();
    const late = [shared(), shared(), shared()];
    // The late callers must not get the first query's answer: it was sent before they asked.
    expect(sent).toHaveLength(1);
    sent[0]!.resolve(1);
    expect(await first).toBe(1);
    await tick();
    expect(sent).toHaveLength(2);
    sent[1]!.resolve(2);
    expect(await Promise.all(late)).toEqual([2, 2, 2]);
  });

  it("after everything settled, the next caller sends a query of its own", async () => {
    const { read, sent } = manualRead();
    const shared = coalesce(read);
    const a = shared();
    sent[0]!.resolve(1);
    await a;
    const b = shared();
    expect(sent).toHaveLength(2);
    sent[1]!.resolve(2);
    expect(await b).toBe(2);
  });

  it("a failed query fails the callers sharing it, not the ones after it", async () => {
    const { read, sent } = manualRead();
    const shared = coalesce(read);
    const first = shared();
    const second = shared();
    sent[0]!.reject(new Error("connection lost"));
    await expect(first).rejects.toThrow("connection lost");
    await tick();
    sent[1]!.reject(new Error("still down"));
    await expect(second).rejects.toThrow("still down");
    const third = shared();
    expect(sent).toHaveLength(3);
    sent[2]!.resolve(3);
    expect(await third).toBe(3);
  });

  it("callers arriving while the shared query runs wait for the one after it", async () => {
    const { read, sent } = manualRead();
    const shared = coalesce(read);
    void shared();
    const second = shared();
    sent[0]!.resolve(1);
    await tick();
    expect(sent).toHaveLength(2);
    const third = shared();
    sent[1]!.resolve(2);
    expect(await second).toBe(2);
    await tick();
    expect(sent).toHaveLength(3);
    sent[2]!.resolve(3);
    expect(await third).toBe(3);
  });
});
