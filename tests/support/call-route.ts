// Calls a Next.js route handler in-process with a real Request, the same object Next passes.

type Handler = (request: Request, context: { params: Record<string, string> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
}

// `any` by default: tests read arbitrary JSON answers and assert their shape; a test that wants
// types passes T.
export interface CallResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function callRoute<T = any>(handler: Handler, options: CallOptions): Promise<CallResult<T>> {
  const url = new URL(options.path, "http://localhost:3000");
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const hasBody = options.rawBody !== undefined || options.body !== undefined;
  const request = new Request(url, {
    method: options.method ?? (hasBody ? "POST" : "GET"),
    headers: { ...(hasBody ? { "content-type": "application/json" } : {}), ...options.headers },
    body: options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
  });
  const response = await handler(request, { params: options.params ?? {} });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (e.g. text/calendar)
  }
  return { status: response.status, headers: response.headers, body: body as T, text };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
