import "server-only";
import type { z } from "zod";
import type { KeyIdentity } from "@/lib/server/api-keys/resolve-named-key";

/** What every tool call knows besides its arguments. */
export interface McpToolContext {
  identity: KeyIdentity;
  /** The HTTP request the call came in (client address for rate limits). */
  request: Request;
  now: Date;
}

/** A tool's answer: the structured facts, and one sentence an agent can read out as it is. */
export interface ToolAnswer {
  data: Record<string, unknown>;
  say: string;
}

export interface McpTool<S extends z.ZodType = z.ZodType> {
  name: string;
  title: string;
  description: string;
  /** The same zod schema the REST route validates with (lib/api/schemas/*), where there is one. */
  input: S;
  /** Changes something: takes an optional `idempotencyKey` with the REST API's semantics. */
  mutating: boolean;
  /** May undo something for good (a cancellation): agents ask the user before calling it. */
  destructive?: boolean;
  run(args: z.output<S>, context: McpToolContext): Promise<ToolAnswer>;
}

/** Keeps each tool's argument type while listing tools of different schemas together. */
export function defineTool<S extends z.ZodType>(tool: McpTool<S>): McpTool {
  return tool as unknown as McpTool;
}
