// Must be first: starts the Stripe emulator and points the app at it before the env is read.
import { emulator } from "../support/stripe";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/build-document";
import { prisma } from "@/lib/server/db/client";
import { seed } from "../support/factories";
import { NEXT_YEAR } from "../support/dates";
import { startAppServer, type AppServer } from "../support/app-server";
import { TEST_OWNER_API_KEY, TEST_SERVICE_API_KEY } from "../support/test-env";

// The curl examples of docs/api.md, run as written (one bash, in order, `set -euo pipefail`)
// against the app's real handlers on a test server. Only the lines that set BASE, KEY and
// STRIPE_EMULATOR are replaced, by the test server's values. Also checks that the n8n workflow
// in docs/n8n-workflow.json parses and calls documented paths only.

const ROOT = path.resolve(__dirname, "../..");
const apiMd = readFileSync(path.join(ROOT, "docs", "api.md"), "utf8");
const blocks = [...apiMd.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!);
const SETTINGS = /^(BASE|KEY|OWNER_KEY|STRIPE_EMULATOR)=.*$/gm;

let server: AppServer;

beforeAll(async () => {
  await seed();
  server = await startAppServer();
  emulator.setWebhookUrl(`${server.url}/api/v1/webhooks/stripe`);
});

afterAll(async () => {
  await server?.close();
});

function runBash(script: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("bash", ["-c", script], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe("docs/api.md", () => {
  it("has curl examples for every documented endpoint except the webhook", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    const all = blocks.join("\n");
    const doc = buildOpenApiDocument();
    for (const p of Object.keys(doc.paths ?? {})) {
      if (p === "/webhooks/stripe") continue;
      // Units are named by slug in the examples; bookings by the $BOOKING the examples obtained.
      const literal = p.startsWith("/bookings/{id}") ? p.replace("{id}", "$BOOKING") : p.replace("{id}", "essex");
      expect(all, `no curl example calls ${p}`).toContain(`/api/v1${literal}`);
    }
  });

  it("the curl examples run as written against the app", async () => {
    const markers = blocks.map((_, i) => `--- block ${i} done ---`);
    const script = [
      "set -euo pipefail",
      ...blocks.map((b, i) => `${b.replace(SETTINGS, "# ($1 set by the test)")}\necho '${markers[i]}'`),
    ].join("\n");
    const res = await runBash(script, { BASE: server.url, KEY: TEST_SERVICE_API_KEY, OWNER_KEY: TEST_OWNER_API_KEY, STRIPE_EMULATOR: emulator.url });
    const out = res.stdout;
    expect(res.code, `bash failed:\n${res.stderr}\n${out}`).toBe(0);
    for (const marker of markers) expect(out).toContain(marker);

    expect(out).toContain('"slug":"essex"');
    expect(out).toContain("BEGIN:VCALENDAR");
    expect(out).toContain('"isAvailable":true');
    expect(out).toContain('"totalCents":103000');
    expect(out).toMatch(/"holdId":"[^"]+","expiresAt"/);
    expect(out).toMatch(/^idempotent-replayed: true\r?$/im);
    // The retry replayed the first hold: both answers carry the same holdId.
    const holdIds = [...out.matchAll(/"holdId":"([^"]+)","expiresAt"/g)].map((m) => m[1]);
    expect(holdIds.length).toBeGreaterThanOrEqual(2);
    expect(new Set(holdIds.slice(0, 2)).size).toBe(1);
    expect(out).toContain('"code":"UNAVAILABLE"');
    expect(out).toContain('"clientSecret":"pi_');
    expect(out).toContain('"status":"confirmed"');
    expect(out).toContain('"status":"CANCELLED"');
    expect(out).toContain('"changed":true');
    expect(out).toContain('"cancellable":true');
    expect(out).toContain('"kind":"owner"');
    expect(out).toContain('"database":"up"');
    expect(out).toContain("1.0.0");

    // What the examples did is really in the database: booked, then cancelled.
    // The examples book March 1 of next year (their own `date +%Y` arithmetic).
    const booking = await prisma.booking.findFirstOrThrow({ where: { hold: { checkIn: new Date(`${NEXT_YEAR}-03-01`) } } });
    expect(booking.status).toBe("CANCELLED");
  });
});

describe("docs/n8n-workflow.json", () => {
  const workflow = JSON.parse(readFileSync(path.join(ROOT, "docs", "n8n-workflow.json"), "utf8")) as {
    id?: unknown;
    nodes: Array<{ name: string; type: string; parameters: Record<string, any>; credentials?: Record<string, any> }>;
    connections: Record<string, unknown>;
  };
  const tools = workflow.nodes.filter((n) => /httpRequestTool|toolHttpRequest/i.test(n.type));
  const documented = new Set(Object.keys(buildOpenApiDocument().paths ?? {}));

  it("has the four chatbot tools and the optional cancel tool, each calling a documented endpoint", () => {
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(["check_availability", "get_quote", "place_hold", "start_checkout", "cancel_booking"]),
    );
    for (const tool of tools) {
      const url = String(tool.parameters.url);
      // Written into the node: Variables ($vars) are an Enterprise feature of n8n (docs/n8n.md).
      expect(url, tool.name).toMatch(/^https:\/\/palmairecourt\.com\/api\/v1\//);
      const p = url.replace(/^.*\/api\/v1/, "").replace(/\?.*$/, "");
      expect(documented.has(p), `${tool.name} calls ${p}, which is not documented`).toBe(true);
    }
  });

  it("sends the bearer key through an n8n credential on the private tools, never inline", () => {
    const text = JSON.stringify(workflow);
    expect(text).not.toMatch(/Bearer [A-Za-z0-9]{16,}/);
    expect(text).not.toContain(TEST_SERVICE_API_KEY);
    for (const tool of tools.filter((t) => ["place_hold", "start_checkout", "cancel_booking"].includes(t.name))) {
      expect(tool.parameters.authentication, tool.name).toBe("genericCredentialType");
      expect(tool.parameters.genericAuthType, tool.name).toBe("httpBearerAuth");
      // n8n's default name for a new credential of this type, as docs/n8n.md has it created.
      expect(tool.credentials?.httpBearerAuth?.name, tool.name).toBe("Bearer Auth account");
    }
    for (const tool of tools.filter((t) => ["check_availability", "get_quote"].includes(t.name))) {
      expect(tool.credentials, tool.name).toBeUndefined();
    }
  });

  it("imports on current n8n: a top-level id, no $vars, a public chat with allowed origins", () => {
    expect(workflow.id).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(JSON.stringify(workflow)).not.toContain("$vars");
    const trigger = workflow.nodes.find((n) => n.type === "@n8n/n8n-nodes-langchain.chatTrigger");
    expect(trigger?.parameters.public).toBe(true);
    expect(trigger?.parameters.options.allowedOrigins).toBe("https://palmairecourt.com");
  });

  it("tells the model the payment link and to keep clientSecret to itself", () => {
    const agent = workflow.nodes.find((n) => n.type === "@n8n/n8n-nodes-langchain.agent");
    const prompt = String(agent?.parameters.options.systemMessage);
    expect(prompt).toContain("https://palmairecourt.com/checkout?holdId=<holdId>");
    expect(prompt).toContain("Never reveal clientSecret");
    expect(prompt).toContain("error.message");
    expect(prompt).toContain("error.issues");
  });

  it("connects every tool to the AI agent", () => {
    const agent = workflow.nodes.find((n) => n.type === "@n8n/n8n-nodes-langchain.agent");
    expect(agent).toBeDefined();
    for (const tool of tools) {
      const out = workflow.connections[tool.name] as { ai_tool?: Array<Array<{ node: string }>> } | undefined;
      expect(out?.ai_tool?.[0]?.[0]?.node, tool.name).toBe(agent!.name);
    }
  });
});

