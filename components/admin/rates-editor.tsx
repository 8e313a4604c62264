"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { addDays } from "@/lib/dates";
import { formatMoneyExact } from "@/lib/site/format";
import type { RateSettings } from "@/lib/server/admin/rates/get-rate-settings";
import { postAdmin } from "./post-admin";
import { basisPoints, PoliciesSection, StayRulesSection, TaxesSection, textToTiers, tiersToText, type PolicyRow, type RuleRow, type TaxRow } from "./rules-sections";

type Plan = RateSettings["plans"][number];
type Side = { totalCents: number | null; taxCents: number | null; policyName: string | null; terms: string[]; error?: string };
type Sample = { unitId: string; checkIn: string; checkOut: string; beforeCents: number | null; afterCents: number | null; error?: string; before: Side; after: Side };

const TIERS = [
  ["nightly", "Night"],
  ["weekly", "Week (7)"],
  ["monthly", "Month (30)"],
  ["fourMonth", "Season (120)"],
] as const;

const toDollars = (cents: number | null) => (cents === null ? "" : (cents / 100).toFixed(2));
const toCents = (text: string): number | null => (text.trim() === "" ? null : Math.round(Number(text) * 100));

const taxRow = (t: RateSettings["taxes"][number], today: string): TaxRow => ({ ...t, rateText: String(t.rateBps / 100), feesText: t.appliesToFees.join(", "), rateChangeFrom: today });
const taxBody = ({ rateText, feesText, rateChangeFrom, ...t }: TaxRow) => ({
  ...t,
  rateBps: basisPoints(rateText),
  appliesToFees: feesText.split(",").map((f) => f.trim()).filter(Boolean),
  ...(rateChangeFrom ? { rateChangeFrom } : {}),
});
const newTaxBody = (t: TaxRow) => {
  const { id: _id, ...body } = taxBody(t);
  return body;
};
// A rule the owner added has no id yet: the server creates it.
const ruleBody = ({ id, ...r }: RuleRow) => (id ? { id, ...r } : r);
const policyBody = ({ tiersText, ...p }: PolicyRow) => ({ ...p, tiers: textToTiers(tiersText) });

const planRows = (settings: RateSettings) =>
  settings.plans.map((p) => ({ ...p, text: Object.fromEntries(TIERS.map(([k]) => [k, toDollars(p[k])])) as Record<(typeof TIERS)[number][0], string> }));
const feeRows = (settings: RateSettings) => settings.fees.map((f) => ({ ...f, text: toDollars(f.amount) }));
const policyRows = (settings: RateSettings): PolicyRow[] => settings.policies.map((p) => ({ ...p, tiersText: tiersToText(p.tiers) }));

export function RatesEditor({ settings, defaultCheckIn, today }: { settings: RateSettings; defaultCheckIn: string; today: string }) {
  const router = useRouter();
  const [plans, setPlans] = useState(() => planRows(settings));
  const [fees, setFees] = useState(() => feeRows(settings));
  const [seasons, setSeasons] = useState(settings.seasons);
  const [taxes, setTaxes] = useState(() => settings.taxes.map((t) => taxRow(t, today)));
  const [rules, setRules] = useState<RuleRow[]>(settings.stayRules);
  const [policies, setPolicies] = useState<PolicyRow[]>(() => policyRows(settings));
  // After a save the page reads the rows again (router.refresh): show them as saved, so an added
  // tax or rule now has its id, a rate change its new row, and the next save sends neither again.
  const [shown, setShown] = useState(settings);
  if (shown !== settings) {
    setShown(settings);
    setPlans(planRows(settings));
    setFees(feeRows(settings));
    setSeasons(settings.seasons);
    setTaxes(settings.taxes.map((t) => taxRow(t, today)));
    setRules(settings.stayRules);
    setPolicies(policyRows(settings));
  }
  const [sampleUnit, setSampleUnit] = useState(settings.units[0]?.id ?? "");
  const [sampleIn, setSampleIn] = useState(defaultCheckIn);
  const [samples, setSamples] = useState<Sample[] | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "ok"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const loadedTax = (id: string) => taxRow(settings.taxes.find((t) => t.id === id)!, today);
  const changed = (p: Plan & { text: Record<string, string> }) => TIERS.some(([k]) => toCents(p.text[k] ?? "") !== p[k]);

  function body() {
    return {
      plans: plans.filter(changed).map((p) => ({ id: p.id, nightly: toCents(p.text.nightly), weekly: toCents(p.text.weekly), monthly: toCents(p.text.monthly), fourMonth: toCents(p.text.fourMonth) })),
      fees: fees.filter((f, i) => toCents(f.text) !== settings.fees[i]!.amount || f.perStay !== settings.fees[i]!.perStay).map((f) => ({ id: f.id, name: f.name, amount: toCents(f.text) ?? 0, perStay: f.perStay })),
      seasons: seasons.filter((s, i) => JSON.stringify(s) !== JSON.stringify(settings.seasons[i])),
      // Only rows that differ from what the page loaded, so a save logs exactly what the owner
      // changed, and every row the owner added (no id yet; a new tax sends its code).
      taxes: [
        ...taxes.filter((t) => t.id).map(taxBody).filter((t) => JSON.stringify({ ...t, rateChangeFrom: undefined }) !== JSON.stringify({ ...taxBody(loadedTax(t.id)), rateChangeFrom: undefined })).map(({ code: _code, ...t }) => t),
        ...taxes.filter((t) => !t.id).map(newTaxBody),
      ],
      stayRules: rules.filter((r) => !r.id || JSON.stringify(r) !== JSON.stringify(settings.stayRules.find((s) => s.id === r.id))).map(ruleBody),
      // Both sides through the same mapping: the database returns tier keys in its own order.
      policies: policies.map(policyBody).filter((p, i) => JSON.stringify(p) !== JSON.stringify(policyBody({ ...settings.policies[i]!, tiersText: tiersToText(settings.policies[i]!.tiers) }))),
      samples: sampleUnit ? [3, 7, 30].map((n) => ({ unitId: sampleUnit, checkIn: sampleIn, checkOut: addDays(sampleIn, n) })) : [],
    };
  }

  async function send(path: string, method: "POST" | "PUT") {
    setBusy(true);
    setMessage(null);
    const result = await postAdmin<{ saved: boolean; samples: Sample[] }>(path, body(), method);
    setBusy(false);
    if (!result.ok) return setMessage({ kind: "error", text: result.message });
    setSamples(result.data.samples);
    if (result.data.saved) {
      setMessage({ kind: "ok", text: "Saved. New quotes use these rates." });
      router.refresh();
    }
  }

  return (
    <form onSubmit={(e) => { e.preventDefault(); void send("/api/admin/rates/preview", "POST"); }}>
      <div className="admin-card">
        <h2>Rate plans (US dollars)</h2>
        <div className="table-wrap">
          <table className="data">
            <thead><tr><th scope="col">Plan</th>{TIERS.map(([k, label]) => <th key={k} scope="col">{label}</th>)}</tr></thead>
            <tbody>
              {plans.map((p, i) => (
                <tr key={p.id}>
                  <th scope="row">{p.label}</th>
                  {TIERS.map(([k, label]) => (
                    <td key={k}>
                      <input aria-label={`${p.label}: ${label}`} inputMode="decimal" size={8} value={p.text[k]} onChange={(e) => setPlans(plans.map((q, j) => (j === i ? { ...q, text: { ...q.text, [k]: e.target.value } } : q)))} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="admin-card">
        <h2>Seasonal discounts</h2>
        <div className="table-wrap">
          <table className="data">
            <thead><tr><th scope="col">Season</th><th scope="col">From</th><th scope="col">To (inclusive)</th><th scope="col">Discount %</th><th scope="col">Every year</th></tr></thead>
            <tbody>
              {seasons.map((s, i) => {
                const set = (patch: Partial<typeof s>) => setSeasons(seasons.map((q, j) => (j === i ? { ...q, ...patch } : q)));
                return (
                  <tr key={s.id}>
                    <th scope="row">{s.name}</th>
                    <td><input type="date" aria-label={`${s.name}: first day`} value={s.startDate} onChange={(e) => set({ startDate: e.target.value })} /></td>
                    <td><input type="date" aria-label={`${s.name}: last day`} value={s.endDate} onChange={(e) => set({ endDate: e.target.value })} /></td>
                    <td><input aria-label={`${s.name}: discount percent`} inputMode="numeric" size={4} value={String(s.discountPct)} onChange={(e) => set({ discountPct: Number(e.target.value) || 0 })} /></td>
                    <td><input type="checkbox" aria-label={`${s.name}: every year`} checked={s.recursAnnually} onChange={(e) => set({ recursAnnually: e.target.checked })} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
      <div className="admin-card">
        <h2>Fees (US dollars)</h2>
        {fees.map((f, i) => (
          <p key={f.id}>
            <label>
              {f.name}{" "}
              <input inputMode="decimal" size={8} value={f.text} onChange={(e) => setFees(fees.map((q, j) => (j === i ? { ...q, text: e.target.value } : q)))} />
            </label>{" "}
            <label>
              <input type="checkbox" checked={f.perStay} onChange={(e) => setFees(fees.map((q, j) => (j === i ? { ...q, perStay: e.target.checked } : q)))} /> once per stay (otherwise per night)
            </label>
          </p>
        ))}
      </div>
      <TaxesSection rows={taxes} onChange={setTaxes} />
      <StayRulesSection rows={rules} units={settings.units} onChange={setRules} />
      <PoliciesSection rows={policies} onChange={setPolicies} />
      <div className="admin-card">
        <h2>Preview</h2>
        <p className="filters">
          <label>Unit
            <select value={sampleUnit} onChange={(e) => setSampleUnit(e.target.value)}>
              {settings.units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          </label>
          <label>Check-in<input type="date" value={sampleIn} onChange={(e) => setSampleIn(e.target.value)} /></label>
        </p>
        {samples && (
          <table className="data" aria-live="polite">
            <caption>Sample stays</caption>
            <thead><tr><th scope="col">Stay</th><th scope="col">Now</th><th scope="col">With your changes</th><th scope="col">Cancellation terms with your changes</th></tr></thead>
            <tbody>
              {samples.map((s) => (
                <tr key={`${s.checkIn}-${s.checkOut}`}>
                  <td>{s.checkIn} → {s.checkOut}</td>
                  <td><SideCell side={s.before} /></td>
                  <td><SideCell side={s.after} /></td>
                  <td>{s.after.policyName ? <><strong>{s.after.policyName}</strong><ul>{s.after.terms.map((line) => <li key={line}>{line}</li>)}</ul></> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {message && <p role={message.kind === "error" ? "alert" : "status"} className={`notice${message.kind === "error" ? " notice-error" : ""}`}>{message.text}</p>}
        <p className="pager">
          <button type="submit" className="button" disabled={busy}>Preview</button>
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void send("/api/admin/rates", "PUT")}>Save changes</button>
        </p>
      </div>
    </form>
  );
}

function SideCell({ side }: { side: Side }) {
  if (side.totalCents === null) return <>{side.error ?? "—"}</>;
  return (
    <>
      {formatMoneyExact(side.totalCents)}
      {side.taxCents !== null && side.taxCents > 0 && <><br /><small>incl. {formatMoneyExact(side.taxCents)} tax</small></>}
    </>
  );
}
