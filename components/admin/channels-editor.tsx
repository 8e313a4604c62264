"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { postAdmin } from "./post-admin";

interface FeedRow {
  id: string;
  unitName: string;
  channel: string;
  enabled: boolean;
  stale: boolean;
  lastAttempt: string;
  lastSuccess: string;
  lastChange: string;
  lastError: string | null;
  eventCount: number;
  /** Imported blocks: the stays this feed keeps off the calendar. */
  blocks: number;
}

interface TokenRow {
  id: string;
  unitName: string;
  channel: string;
  created: string;
  revoked: string | null;
}

export function ChannelsEditor({ units, feeds, tokens }: { units: Array<{ id: string; name: string }>; feeds: FeedRow[]; tokens: TokenRow[] }) {
  const router = useRouter();
  const [feed, setFeed] = useState({ unitId: units[0]?.id ?? "", channel: "airbnb", url: "" });
  const [token, setToken] = useState({ unitId: units[0]?.id ?? "", channel: "airbnb" });
  const [newUrl, setNewUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "ok"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Removing a feed frees its nights at once, so it asks once more, in the row.
  const [removing, setRemoving] = useState<string | null>(null);

  async function act<T>(call: Promise<{ ok: true; data: T } | { ok: false; message: string }>, done: string, then?: (data: T) => void) {
    setBusy(true);
    const result = await call;
    setBusy(false);
    if (!result.ok) return setMessage({ kind: "error", text: result.message });
    setMessage({ kind: "ok", text: done });
    then?.(result.data);
    router.refresh();
  }

  return (
    <>
      {message && <p role={message.kind === "error" ? "alert" : "status"} className={`notice${message.kind === "error" ? " notice-error" : ""}`}>{message.text}</p>}
      <div className="admin-card">
        <h2>Import feeds</h2>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr><th scope="col">Unit</th><th scope="col">Channel</th><th scope="col">State</th><th scope="col">Last attempt</th><th scope="col">Last success</th><th scope="col">Last change</th><th scope="col">Events</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
            </thead>
            <tbody>
              {feeds.length === 0 && <tr><td colSpan={8}>No feeds yet.</td></tr>}
              {feeds.map((f) => (
                <tr key={f.id}>
                  <td>{f.unitName}</td>
                  <td>{f.channel}</td>
                  <td>{!f.enabled ? "Paused" : f.stale ? <strong>Stale</strong> : f.lastError ? <strong>Failing: {f.lastError}</strong> : f.lastAttempt === "never" ? "Waiting for the first sync" : "OK"}</td>
                  <td>{f.lastAttempt}</td>
                  <td>{f.lastSuccess}</td>
                  <td>{f.lastChange}</td>
                  <td>{f.eventCount}</td>
                  <td>
                    {removing === f.id ? (
                      <>
                        <span id={`remove-${f.id}`}>Remove this feed?{f.blocks > 0 && ` The ${f.blocks === 1 ? "stay it blocks opens" : `${f.blocks} stays it blocks open`} for booking at once.`} </span>
                        <button type="button" className="link-button" disabled={busy} aria-describedby={`remove-${f.id}`} onClick={() => void act(postAdmin(`/api/admin/channels/feeds/${f.id}`, {}, "DELETE"), "Feed removed; the nights it blocked are open.", () => setRemoving(null))}>
                          {`Yes, remove the ${f.channel} feed of ${f.unitName}`}
                        </button>{" "}
                        {/* The Remove button just went away: keyboard focus lands on the safe answer, with the question read out. */}
                        <button type="button" className="link-button" disabled={busy} aria-describedby={`remove-${f.id}`} autoFocus onClick={() => setRemoving(null)}>Keep it</button>
                      </>
                    ) : (
                      <>
                        <button type="button" className="link-button" disabled={busy} onClick={() => void act(postAdmin(`/api/admin/channels/feeds/${f.id}`, { enabled: !f.enabled }, "PATCH"), f.enabled ? "Feed paused." : "Feed resumed.")}>
                          {f.enabled ? `Pause ${f.channel} feed of ${f.unitName}` : `Resume ${f.channel} feed of ${f.unitName}`}
                        </button>{" "}
                        <button type="button" className="link-button" disabled={busy} onClick={() => setRemoving(f.id)}>
                          {`Remove ${f.channel} feed of ${f.unitName}`}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form className="filters" onSubmit={(e) => { e.preventDefault(); void act(postAdmin("/api/admin/channels/feeds", feed), "Feed added; it is read at the next sync.", () => setFeed({ ...feed, url: "" })); }}>
          <label>Unit
            <select value={feed.unitId} onChange={(e) => setFeed({ ...feed, unitId: e.target.value })}>
              {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          </label>
          <label>Channel<input value={feed.channel} onChange={(e) => setFeed({ ...feed, channel: e.target.value })} size={10} /></label>
          <label>Calendar URL (.ics)<input type="url" value={feed.url} onChange={(e) => setFeed({ ...feed, url: e.target.value })} size={40} required /></label>
          <button type="submit" className="button" disabled={busy}>Add feed</button>
        </form>
      </div>
      <div className="admin-card">
        <h2>Export URLs</h2>
        {newUrl && (
          <p className="notice">
            Copy this URL into the channel now; it is not shown again: <code>{newUrl}</code>
          </p>
        )}
        <div className="table-wrap">
          <table className="data">
            <thead><tr><th scope="col">Unit</th><th scope="col">Channel</th><th scope="col">Created</th><th scope="col">State</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {tokens.length === 0 && <tr><td colSpan={5}>No export URLs yet.</td></tr>}
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.unitName}</td>
                  <td>{t.channel}</td>
                  <td>{t.created}</td>
                  <td>{t.revoked ? `Revoked ${t.revoked}` : "Live"}</td>
                  <td>
                    {!t.revoked && (
                      <button type="button" className="link-button" disabled={busy} onClick={() => void act(postAdmin(`/api/admin/channels/tokens/${t.id}`, {}, "DELETE"), "Export URL revoked; it answers 404 from now on.")}>
                        Revoke {t.channel} URL of {t.unitName}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form className="filters" onSubmit={(e) => { e.preventDefault(); void act<{ path: string }>(postAdmin("/api/admin/channels/tokens", token), "Export URL created.", (data) => setNewUrl(`${window.location.origin}${data.path}`)); }}>
          <label>Unit
            <select value={token.unitId} onChange={(e) => setToken({ ...token, unitId: e.target.value })}>
              {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          </label>
          <label>Channel<input value={token.channel} onChange={(e) => setToken({ ...token, channel: e.target.value })} size={10} /></label>
          <button type="submit" className="button" disabled={busy}>Create export URL</button>
        </form>
      </div>
    </>
  );
}
