import "server-only";
import type { ApiErrorBody, SearchHit, SiteUnit, SiteUnitDetails } from "./types";
import { toSiteUnit } from "./types";
import { env } from "@/lib/env";
import { clientIp, GUEST_IP_HEADER } from "@/lib/server/http/client-ip";

/** The address of the guest whose request the site is serving (same rules as the API's). */
export function guestIpOf(headers: Headers): string | undefined {
  return clientIp(headers) ?? undefined;
}

// The site server's client of its own REST API. Pages read public endpoints through it, and the
// Reserve action calls the private ones with SERVICE_API_KEY, which never leaves the server.
//
// Base URL: INTERNAL_API_BASE when set (e.g. on Vercel, where the app must call its public URL),
// otherwise this very server on loopback: http://<HOST or 127.0.0.1>:<PORT or 3000>.

export function apiBase(): string {
  const explicit = env.INTERNAL_API_BASE;
  if (explicit) return explicit.replace(/\/+$/, "");
  // VERCEL is set by the platform itself, not by the owner: read as a fact, not configuration.
  if (process.env.VERCEL) return env.ORIGIN.replace(/\/+$/, "");
  const host = env.HOST;
  const loopback = !host || host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return `http://${loopback}:${env.PORT}`;
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ApiErrorBody["error"] };

interface CallOptions {
  method?: "GET" | "POST";
  body?: unknown;
  /** Sends Authorization: Bearer SERVICE_API_KEY. */
  service?: boolean;
  /** The guest's address, forwarded on service calls so each guest has their own rate limit. */
  guestIp?: string;
  timeoutMs?: number;
}

export async function callApi<T>(path: string, options: CallOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.service) {
    headers.authorization = `Bearer ${env.SERVICE_API_KEY}`;
    if (options.guestIp) headers[GUEST_IP_HEADER] = options.guestIp;
  }
  let response: Response;
  try {
    response = await fetch(`${apiBase()}/api/v1${path}`, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: "no-store",
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch {
    return { ok: false, status: 503, error: { code: "SERVICE_UNAVAILABLE", message: "The booking service did not answer. Please try again." } };
  }
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }
  if (response.ok) return { ok: true, status: response.status, data: payload as T };
  const err = (payload as ApiErrorBody | null)?.error;
  return {
    ok: false,
    status: response.status,
    error: err && typeof err.code === "string" ? err : { code: "INTERNAL", message: "Something went wrong. Please try again." },
  };
}

export async function listUnits(): Promise<ApiResult<SiteUnit[]>> {
  const res = await callApi<unknown>("/units");
  if (!res.ok) return res;
  const raw = Array.isArray(res.data) ? res.data : ((res.data as { units?: unknown[] } | null)?.units ?? []);
  return { ...res, data: raw.map(toSiteUnit).filter((u): u is SiteUnitDetails => u !== null) };
}

export async function getUnit(idOrSlug: string): Promise<ApiResult<SiteUnitDetails | null>> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(idOrSlug)) return { ok: true, status: 404, data: null };
  const res = await callApi<unknown>(`/units/${encodeURIComponent(idOrSlug)}`);
  if (!res.ok) return res.status === 404 ? { ok: true, status: 404, data: null } : res;
  const raw = (res.data as { unit?: unknown } | null)?.unit ?? res.data;
  return { ...res, data: toSiteUnit(raw) };
}

/** GET /api/v1/search: the units that can take the party on those dates, cheapest first. */
export async function searchStays(query: { checkIn: string; checkOut: string; guests: number; pets?: number }): Promise<ApiResult<SearchHit[]>> {
  const qs = new URLSearchParams({ checkIn: query.checkIn, checkOut: query.checkOut, guests: String(query.guests) });
  if (query.pets) qs.set("pets", String(query.pets));
  const res = await callApi<{ results?: SearchHit[] }>(`/search?${qs}`);
  if (!res.ok) return res;
  return { ...res, data: Array.isArray(res.data?.results) ? res.data.results : [] };
}
