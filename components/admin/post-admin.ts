// The console's client calls to /api/admin: JSON in, the API's one error shape out.

export type AdminResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

export async function postAdmin<T = unknown>(path: string, body: unknown, method: "POST" | "PUT" | "PATCH" | "DELETE" = "POST"): Promise<AdminResult<T>> {
  try {
    const res = await fetch(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const data = (await res.json().catch(() => null)) as { error?: { message?: string; issues?: Array<{ message: string }> } } | null;
    if (res.ok) return { ok: true, data: data as T };
    const issue = data?.error?.issues?.[0]?.message;
    return { ok: false, status: res.status, message: issue ?? data?.error?.message ?? "Something went wrong; try again." };
  } catch {
    return { ok: false, status: 0, message: "The server could not be reached; check the connection and try again." };
  }
}
