import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import { isIsoDate } from "@/lib/dates";
import type { RouteDoc } from "@/lib/openapi/types";

// Test support (imported by tests only; ajv is a dev dependency): validates values against the
// schemas of a built OpenAPI 3.1 document with a JSON Schema 2020-12 validator. Schemas are
// compiled with the document's components alongside, so "#/components/schemas/..." refs resolve.

type Json = Record<string, unknown>;

export interface SchemaChecker {
  /** Schema of a route's answer with this status and media type. */
  response(route: Pick<RouteDoc, "path" | "method">, status: number, mediaType?: string): ValidateFunction;
  /** Schema of a route's JSON request body. */
  requestBody(route: Pick<RouteDoc, "path" | "method">): ValidateFunction;
  /** Schema of one parameter ("query" or "path"). */
  parameter(route: Pick<RouteDoc, "path" | "method">, where: "query" | "path" | "header", name: string): ValidateFunction;
}

export function createSchemaChecker(doc: Json): SchemaChecker {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat("date", { type: "string", validate: (s: string) => isIsoDate(s) });
  ajv.addFormat("date-time", {
    type: "string",
    validate: (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  });
  ajv.addFormat("email", { type: "string", validate: (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) });
  ajv.addFormat("uri", { type: "string", validate: (s: string) => URL.canParse(s) });
  // "example" is an OpenAPI annotation, not a JSON Schema keyword.
  ajv.addKeyword({ keyword: "example" });

  const components = (doc.components ?? {}) as Json;
  const cache = new Map<string, ValidateFunction>();
  let n = 0;
  const compile = (key: string, schema: unknown): ValidateFunction => {
    let fn = cache.get(key);
    if (!fn) {
      if (!schema || typeof schema !== "object") throw new Error(`no schema for ${key}`);
      fn = ajv.compile({ $id: `urn:palm:openapi:${n++}`, ...(schema as Json), components });
      cache.set(key, fn);
    }
    return fn;
  };
  const op = (route: Pick<RouteDoc, "path" | "method">) => {
    const found = ((doc.paths as Json | undefined)?.[route.path] as Json | undefined)?.[route.method] as Json | undefined;
    if (!found) throw new Error(`${route.method.toUpperCase()} ${route.path} is not in the document`);
    return found;
  };

  return {
    response(route, status, mediaType = "application/json") {
      const responses = op(route).responses as Json;
      const response = responses[String(status)] as Json | undefined;
      if (!response) throw new Error(`${route.method.toUpperCase()} ${route.path} documents no ${status} response`);
      const schema = ((response.content as Json | undefined)?.[mediaType] as Json | undefined)?.schema;
      return compile(`${route.method} ${route.path} ${status} ${mediaType}`, schema);
    },
    requestBody(route) {
      const body = op(route).requestBody as Json | undefined;
      const schema = ((body?.content as Json | undefined)?.["application/json"] as Json | undefined)?.schema;
      return compile(`${route.method} ${route.path} body`, schema);
    },
    parameter(route, where, name) {
      const params = (op(route).parameters ?? []) as Json[];
      const param = params.find((p) => p.in === where && p.name === name);
      if (!param) throw new Error(`${route.method.toUpperCase()} ${route.path} documents no ${where} parameter ${name}`);
      return compile(`${route.method} ${route.path} ${where} ${name}`, param.schema);
    },
  };
}

/** ajv errors as one readable line. */
export function describeErrors(fn: ValidateFunction): string {
  return (fn.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? ""} ${JSON.stringify(e.params)}`).join("; ");
}

/** "app/api/v1/units/[id]/ical.ics/route.ts" → "/units/{id}/ical.ics" (the document's path). */
export function openApiPathOfFile(file: string): string {
  const dir = file.replace(/^app\/api\/v1/, "").replace(/\/route\.(ts|js)$/, "");
  return (dir || "/").replace(/\[([^\]]+)\]/g, "{$1}");
}
