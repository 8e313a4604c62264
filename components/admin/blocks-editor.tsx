"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { addDays } from "@/lib/dates";
import { postAdmin } from "./post-admin";

interface Row {
  id: string;
  unitName: string;
  start: string;
  end: string;
  reason: string | null;
}

export function BlocksEditor({ blocks, units, defaultStart }: { blocks: Row[]; units: Array<{ id: string; name: string }>; defaultStart: string }) {
  const router = useRouter();
  const [unitId, setUnitId] = useState(units[0]?.id ?? "");
  const [start, setStart] = useState(defaultStart);
  const [end, setEnd] = useState(addDays(defaultStart, 2));
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ kind: "error" | "ok"; text: string } | null>(null);

  async function run(promise: ReturnType<typeof postAdmin>, done: string) {
    const result = await promise;
    setMessage(result.ok ? { kind: "ok", text: done } : { kind: "error", text: result.message });
    if (result.ok) router.refresh();
  }

  return (
    <>
      <form className="admin-card filters" onSubmit={(e) => { e.preventDefault(); void run(postAdmin("/api/admin/blocks", { unitId, start, end, reason: reason.trim() || undefined }), "Nights blocked."); }}>
        <label>Unit
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
        <label>First night<input type="date" value={start} onChange={(e) => setStart(e.target.value)} /></label>
        <label>Open again on<input type="date" value={end} onChange={(e) => setEnd(e.target.value)} /></label>
        <label>Reason<input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Repairs, owner stay…" /></label>
        <button type="submit" className="button button-primary">Block nights</button>
      </form>
      {message && <p role={message.kind === "error" ? "alert" : "status"} className={`notice${message.kind === "error" ? " notice-error" : ""}`}>{message.text}</p>}
      <div className="table-wrap admin-card">
        <table className="data">
          <thead><tr><th scope="col">Unit</th><th scope="col">Nights</th><th scope="col">Reason</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {blocks.map((b) => (
              <tr key={b.id}>
                <td>{b.unitName}</td>
                <td>{b.start} → {b.end}</td>
                <td>{b.reason ?? ""}</td>
                <td><button type="button" className="link-button" onClick={() => void run(postAdmin(`/api/admin/blocks/${b.id}`, {}, "DELETE"), "Nights opened again.")}>Open {b.unitName} {b.start} again</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
