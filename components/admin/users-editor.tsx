"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { postAdmin } from "./post-admin";

interface Row {
  id: string;
  email: string;
  role: "OWNER" | "STAFF";
  disabled: boolean;
}

export function UsersEditor({ users, meId }: { users: Row[]; meId: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<"OWNER" | "STAFF">("STAFF");
  const [message, setMessage] = useState<{ kind: "error" | "ok"; text: string } | null>(null);

  async function act(promise: Promise<{ ok: boolean; message?: string }>, done: string) {
    const result = await promise;
    setMessage(result.ok ? { kind: "ok", text: done } : { kind: "error", text: result.message ?? "Could not save." });
    if (result.ok) router.refresh();
  }

  return (
    <>
      <div className="table-wrap admin-card">
        <table className="data">
          <thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Access</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.email}{u.id === meId ? " (you)" : ""}</td>
                <td>{u.role === "OWNER" ? "Owner" : "Staff"}</td>
                <td>{u.disabled ? "Turned off" : "Can sign in"}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => void act(postAdmin(`/api/admin/users/${u.id}`, { disabled: !u.disabled }, "PATCH"), u.disabled ? "Access turned on." : "Access turned off; their sessions ended.")}>
                    {u.disabled ? `Turn on ${u.email}` : `Turn off ${u.email}`}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="admin-card filters" onSubmit={(e) => { e.preventDefault(); void act(postAdmin("/api/admin/users", { email, role }), `${email} can now sign in.`); }}>
        <label>Email<input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} /></label>
        <label>Role
          <select value={role} onChange={(e) => setRole(e.target.value as "OWNER" | "STAFF")}>
            <option value="STAFF">Staff</option><option value="OWNER">Owner</option>
          </select>
        </label>
        <button type="submit" className="button button-primary">Add person</button>
      </form>
      {message && <p role={message.kind === "error" ? "alert" : "status"} className={`notice${message.kind === "error" ? " notice-error" : ""}`}>{message.text}</p>}
    </>
  );
}
