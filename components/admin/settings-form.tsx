"use client";
import { useState } from "react";
import { postAdmin } from "./post-admin";

type Values = Record<"name" | "addressLine1" | "addressLine2" | "city" | "region" | "postalCode" | "country" | "phone" | "email" | "arrivalInstructions", string>;

const FIELDS: Array<[keyof Values, string]> = [
  ["name", "Property name"],
  ["addressLine1", "Address"],
  ["addressLine2", "Address, second line (optional)"],
  ["city", "City"],
  ["region", "State"],
  ["postalCode", "ZIP code"],
  ["country", "Country (two letters)"],
  ["phone", "Phone"],
  ["email", "Email"],
];

export function SettingsForm({ initial }: { initial: Values }) {
  const [values, setValues] = useState(initial);
  const [message, setMessage] = useState<{ kind: "error" | "ok"; text: string } | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const result = await postAdmin("/api/admin/settings", { ...values, addressLine2: values.addressLine2.trim() || null }, "PUT");
    setMessage(result.ok ? { kind: "ok", text: "Saved." } : { kind: "error", text: result.message });
  }

  return (
    <form className="admin-card stack" onSubmit={submit}>
      {FIELDS.map(([key, label]) => (
        <label key={key} className="stack">
          {label}
          <input value={values[key]} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />
        </label>
      ))}
      <label className="stack">
        Arrival instructions (sent before arrival)
        <textarea rows={4} value={values.arrivalInstructions} onChange={(e) => setValues({ ...values, arrivalInstructions: e.target.value })} />
      </label>
      {message && <p role={message.kind === "error" ? "alert" : "status"} className={`notice${message.kind === "error" ? " notice-error" : ""}`}>{message.text}</p>}
      <button type="submit" className="button button-primary">Save settings</button>
    </form>
  );
}
