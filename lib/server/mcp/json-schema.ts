import "server-only";
import { z } from "zod";

type Json = { [key: string]: unknown };

/**
 * A tool's input as the JSON Schema MCP lists: what a caller sends (zod's input side), with the
 * named components ($defs, from `.meta({ id })`) written in place, because MCP wants a plain
 * `type: "object"` at the root and several agents do not follow $ref.
 */
export function toolInputJsonSchema(schema: z.ZodType, extra: Record<string, Json> = {}): Json {
  const raw = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json;
  const defs = (raw.$defs ?? {}) as Record<string, Json>;
  const inline = (node: unknown, seen: Set<string>): unknown => {
    if (Array.isArray(node)) return node.map((n) => inline(n, seen));
    if (!node || typeof node !== "object") return node;
    const obj = node as Json;
    const ref = typeof obj.$ref === "string" ? /^#\/\$defs\/(.+)$/.exec(obj.$ref)?.[1] : undefined;
    if (ref && defs[ref] && !seen.has(ref)) {
      const { $ref: _ref, $defs: _defs, $schema: _schema, ...rest } = obj;
      return { ...(inline(defs[ref], new Set([...seen, ref])) as Json), ...(inline(rest, seen) as Json) };
    }
    return Object.fromEntries(Object.entries(obj).filter(([k]) => k !== "$defs" && k !== "$schema").map(([k, v]) => [k, inline(v, seen)]));
  };
  const out = inline(raw, new Set()) as Json;
  delete out.example;
  if (Object.keys(extra).length > 0) out.properties = { ...((out.properties ?? {}) as Json), ...extra };
  return { type: "object", ...out };
}
