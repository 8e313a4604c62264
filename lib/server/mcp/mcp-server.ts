import "server-only";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { now as clockNow } from "@/lib/clock";
import type { KeyIdentity } from "@/lib/server/api-keys/resolve-named-key";
import { AppError, type ErrorIssue } from "@/lib/server/errors";
import { errorResponse, zodIssues } from "@/lib/server/http/define-route";
import { requestFingerprint, withIdempotency } from "@/lib/server/http/idempotency";
import { logger } from "@/lib/server/logger";
import { toolInputJsonSchema } from "./json-schema";
import { cancelBookingTool } from "./tools/cancel-booking";
import { checkAvailabilityTool } from "./tools/check-availability";
import { findBookingTool } from "./tools/find-booking";
import { getPaymentLinkTool } from "./tools/get-payment-link";
import { getQuoteTool } from "./tools/get-quote";
import { placeHoldTool } from "./tools/place-hold";
import { propertyInfoTool } from "./tools/property-info";
import type { McpTool, McpToolContext, ToolAnswer } from "./types";

// The MCP server at /api/mcp (Streamable HTTP, stateless: one server per request, JSON answers).
// Tools call the same services as the REST API and validate with the same zod schemas; their
// refusals carry the API's error (code, message, issues, details). docs/mcp.md.

export const MCP_SERVER_NAME = "palm-aire-court";

export const mcpTools: McpTool[] = [
  propertyInfoTool,
  checkAvailabilityTool,
  getQuoteTool,
  placeHoldTool,
  getPaymentLinkTool,
  findBookingTool,
  cancelBookingTool,
];

const idempotencyKeyProperty = {
  idempotencyKey: {
    type: "string",
    minLength: 1,
    maxLength: 255,
    description:
      "Optional. A unique value (e.g. a UUID) for this action; send the same one when you retry it. A retry then returns the first " +
      "answer instead of acting twice. The same key with different arguments is refused (IDEMPOTENCY_KEY_REUSED).",
  },
};

function listing(tool: McpTool): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: toolInputJsonSchema(tool.input, tool.mutating ? idempotencyKeyProperty : {}) as Tool["inputSchema"],
    annotations: {
      title: tool.title,
      readOnlyHint: !tool.mutating,
      destructiveHint: tool.destructive ?? false,
      idempotentHint: !tool.mutating,
      openWorldHint: false,
    },
  };
}

function answered(answer: ToolAnswer, replayed = false): CallToolResult {
  const data = replayed ? { ...answer.data, replayed: true } : answer.data;
  return {
    content: [
      { type: "text", text: answer.say },
      { type: "text", text: JSON.stringify(data) },
    ],
    structuredContent: data,
  };
}

interface ErrorPayload {
  code: string;
  message: string;
  issues?: ErrorIssue[];
  details?: Record<string, unknown>;
}

function refused(error: ErrorPayload): CallToolResult {
  // `message` is written for people; on a validation error the per-field messages are the news.
  const say = error.issues?.length ? error.issues.map((i) => i.message).join(" ") : error.message;
  return {
    isError: true,
    content: [
      { type: "text", text: say },
      { type: "text", text: JSON.stringify({ error }) },
    ],
    structuredContent: { error },
  };
}

function refusedBy(error: unknown, tool: string): CallToolResult {
  if (error instanceof AppError && error.status < 500) {
    return refused({
      code: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
      ...(error.details ? { details: error.details } : {}),
    });
  }
  logger.error({ err: error, tool }, "mcp tool failed");
  const code = error instanceof AppError ? error.code : "INTERNAL";
  const message = error instanceof AppError ? error.message : "Something went wrong on our side. Please try again in a moment.";
  return refused({ code, message });
}

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

async function callTool(tool: McpTool, rawArgs: Record<string, unknown>, context: McpToolContext): Promise<CallToolResult> {
  const { idempotencyKey, ...args } = rawArgs;
  if (idempotencyKey !== undefined && (!tool.mutating || typeof idempotencyKey !== "string" || !KEY_FORMAT.test(idempotencyKey))) {
    const message = tool.mutating
      ? "idempotencyKey must be 1 to 255 visible characters, for example a UUID."
      : `Unknown field: idempotencyKey.`;
    return refused({ code: "VALIDATION_FAILED", message: "The request is not valid; see issues.", issues: [{ path: "idempotencyKey", message }] });
  }
  const parsed = tool.input.safeParse(args);
  if (!parsed.success) {
    return refused({ code: "VALIDATION_FAILED", message: "The request is not valid; see issues.", issues: zodIssues(parsed.error) });
  }
  try {
    if (!idempotencyKey) return answered(await tool.run(parsed.data, context));
    // The REST API's Idempotency-Key store, in the caller's namespace, fingerprinted by tool and arguments.
    const fingerprint = requestFingerprint("MCP", `mcp://tools/${tool.name}`, JSON.stringify(args));
    const response = await withIdempotency(
      { caller: context.identity.id, key: idempotencyKey as string, fingerprint, now: context.now },
      async () => Response.json(await tool.run(parsed.data, context)),
      (error) => errorResponse(error, "mcp"),
    );
    const replayed = response.headers.get("idempotent-replayed") === "true";
    const body = (await response.json()) as ToolAnswer | { error: ErrorPayload & { requestId?: string } };
    if ("error" in body) {
      const { requestId: _requestId, ...error } = body.error;
      return refused(error);
    }
    return answered(body, replayed);
  } catch (error) {
    return refusedBy(error, tool.name);
  }
}

function buildServer(identity: KeyIdentity, request: Request): Server {
  const server = new Server({ name: MCP_SERVER_NAME, version: "1.0.0" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: mcpTools.map(listing) }));
  server.setRequestHandler(CallToolRequestSchema, async (req) => {
    const tool = mcpTools.find((t) => t.name === req.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${req.params.name}`);
    return callTool(tool, req.params.arguments ?? {}, { identity, request, now: clockNow() });
  });
  return server;
}

/** Answers one Streamable HTTP request (POST of JSON-RPC messages) for an authenticated caller. */
export async function handleMcpRequest(options: { request: Request; body: unknown; identity: KeyIdentity }): Promise<Response> {
  const server = buildServer(options.identity, options.request);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    return await transport.handleRequest(options.request, { parsedBody: options.body });
  } finally {
    await server.close();
  }
}
