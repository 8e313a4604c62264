import { readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRoutes } from "@/lib/openapi/all-routes";
import { buildOpenApiDocument, serializeOpenApiDocument } from "@/lib/openapi/build-document";
import { createSchemaChecker, describeErrors, openApiPathOfFile } from "@/tests/support/contract";
import { discoverRoutes, startAppServer, type AppServer } from "../support/app-server";

// The OpenAPI document: valid OpenAPI 3.1, one operation per handler under app/api/v1 and no
// other, security and error statuses matching what each route file declares, every example
// valid against its own schema, and docs/openapi.json identical to a fresh build.

const ROOT = path.resolve(__dirname, "../..");
const doc = buildOpenApiDocument() as unknown as Record<string, any>;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Route files under app/api/v1 with the methods they export and what their source declares. */
const v1Files = discoverRoutes()
  .filter((r) => r.file.startsWith("app/api/v1/"))
  .map((r) => {
    const source = readFileSync(path.join(ROOT, r.file), "utf8");
    const methods = METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source));
    return {
      file: r.file,
      path: openApiPathOfFile(r.file),
      methods,
      service: /access:\s*"(service|service-or-owner|owner)"/.test(source),
      // The security each access level documents (define-route.ts authorize).
      security: /access:\s*"owner"/.test(source)
        ? [{ ownerAuth: [] }]
        : /access:\s*"service-or-owner"/.test(source)
          ? [{ bearerAuth: [] }, { ownerAuth: [] }]
          : [{ bearerAuth: [] }],
      rateLimited: /rateLimit:\s*\{/.test(source),
      idempotent: /idempotent:\s*true/.test(source),
      // A POST without a body schema (e.g. cancellation-quote) needs no documented request body.
      readsBody: /\bbody:\s*[A-Za-z]/.test(source) || /rawBody/.test(source),
    };
  });

function operation(p: string, method: string) {
  return doc.paths?.[p]?.[method.toLowerCase()];
}

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/api/v1" })]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("documents every route handler under app/api/v1", () => {
    expect(v1Files.length).toBeGreaterThanOrEqual(11);
    for (const file of v1Files) {
      expect(file.methods.length, `${file.file} exports no handler`).toBeGreaterThan(0);
      for (const method of file.methods) {
        expect(operation(file.path, method), `${method} ${file.path} (${file.file}) is missing from the document`).toBeDefined();
      }
    }
  });

  it("documents no path or method that has no handler", () => {
    for (const [p, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
      const file = v1Files.find((f) => f.path === p);
      expect(file, `${p} has no route file under app/api/v1`).toBeDefined();
      for (const method of Object.keys(item).filter((k) => METHODS.includes(k.toUpperCase() as never))) {
        expect(file!.methods, `${method.toUpperCase()} ${p} is documented but ${file!.file} does not export it`).toContain(
          method.toUpperCase(),
        );
      }
    }
    // The route table names the same files.
    for (const route of allRoutes) {
      expect(openApiPathOfFile(route.file)).toBe(route.path);
      expect(v1Files.map((f) => f.file)).toContain(route.file);
    }
  });

  it("puts bearer security and a 401 on exactly the private routes", () => {
    for (const file of v1Files) {
      for (const method of file.methods) {
        const op = operation(file.path, method);
        if (file.service) {
          expect(op.security, `${method} ${file.path}`).toEqual(file.security);
          expect(op.responses, `${method} ${file.path}`).toHaveProperty("401");
        } else {
          expect(op.security ?? [], `${method} ${file.path}`).toEqual([]);
          expect(op.responses, `${method} ${file.path}`).not.toHaveProperty("401");
        }
      }
    }
  });

  it("documents 413 on every route that reads a body and 429 on every rate-limited route", () => {
    for (const file of v1Files) {
      for (const method of file.methods) {
        const op = operation(file.path, method);
        if (method !== "GET") {
          expect(op.responses, `${method} ${file.path}`).toHaveProperty("413");
          if (file.readsBody) expect(op.requestBody, `${method} ${file.path}`).toBeDefined();
        }
        if (file.rateLimited) {
          expect(op.responses, `${method} ${file.path}`).toHaveProperty("429");
          expect(op.responses["429"].headers).toHaveProperty("Retry-After");
        } else expect(op.responses, `${method} ${file.path}`).not.toHaveProperty("429");
      }
    }
  });

  it("documents Idempotency-Key, its 409 and 422, and Idempotent-Replayed on exactly the idempotent routes", () => {
    expect(v1Files.filter((f) => f.idempotent).map((f) => f.path).sort()).toEqual(["/bookings/cancel", "/bookings/{id}/refunds", "/checkout", "/holds"]);
    for (const file of v1Files) {
      for (const method of file.methods) {
        const op = operation(file.path, method);
        const header = (op.parameters ?? []).find((p: { in: string; name: string }) => p.in === "header" && p.name === "Idempotency-Key");
        if (file.idempotent) {
          expect(header, `${method} ${file.path}`).toMatchObject({ schema: { type: "string", maxLength: 255 } });
          expect(header.required ?? false).toBe(false);
          expect(op.responses["409"].description).toContain("IDEMPOTENCY_IN_PROGRESS");
          expect(op.responses["409"].headers).toHaveProperty("Retry-After");
          expect(op.responses["422"].description).toContain("IDEMPOTENCY_KEY_REUSED");
          const success = op.responses["200"] ?? op.responses["201"];
          expect(success.headers).toHaveProperty("Idempotent-Replayed");
        } else {
          expect(header, `${method} ${file.path}`).toBeUndefined();
        }
      }
    }
  });

  it("documents the conflict and not-found answers of the booking routes", () => {
    expect(Object.keys(operation("/holds", "post").responses)).toEqual(expect.arrayContaining(["201", "409", "404", "400"]));
    expect(Object.keys(operation("/checkout", "post").responses)).toEqual(expect.arrayContaining(["200", "404", "409", "410"]));
    expect(Object.keys(operation("/bookings/cancel", "post").responses)).toEqual(expect.arrayContaining(["200", "404"]));
    expect(Object.keys(operation("/units/{id}", "get").responses)).toEqual(expect.arrayContaining(["200", "404"]));
    expect(operation("/units/{id}/ical.ics", "get").responses["200"].content).toHaveProperty("text/calendar");
    expect(operation("/webhooks/stripe", "post").parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: "header", name: "Stripe-Signature", required: true })]),
    );
  });

  it("gives every error response the shared ErrorResponse schema and an example", () => {
    // Walks the generated JSON document; its shape is checked by the assertions, not the types.
    for (const [p, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        for (const [status, response] of Object.entries<any>(op.responses)) {
          const content = response.content?.["application/json"] ?? response.content?.["text/calendar"];
          expect(content, `${method} ${p} ${status}`).toBeDefined();
          expect(Object.keys(content.examples ?? {}).length, `${method} ${p} ${status} has no example`).toBeGreaterThan(0);
          if (Number(status) >= 400 && !(p === "/health" && status === "503")) {
            expect(content.schema, `${method} ${p} ${status}`).toEqual({ $ref: "#/components/schemas/ErrorResponse" });
          }
        }
      }
    }
  });

  it("has examples that satisfy their own schemas", () => {
    const check = createSchemaChecker(doc);
    for (const route of allRoutes) {
      for (const example of route.examples) {
        const label = `${route.operationId}.${example.name}`;
        const mediaType = example.status < 400 ? route.response.mediaType : "application/json";
        if (mediaType === "application/json") {
          const validate = check.response(route, example.status);
          expect(validate(example.response), `${label} response: ${describeErrors(validate)}`).toBe(true);
        } else expect(typeof example.response).toBe("string");
        // Request examples of successful calls satisfy the request schemas (error examples may not).
        if (example.status < 300 && example.request?.body !== undefined) {
          const validate = check.requestBody(route);
          expect(validate(example.request.body), `${label} body: ${describeErrors(validate)}`).toBe(true);
        }
        if (example.status < 300) {
          for (const where of ["query", "params"] as const) {
            for (const [name, value] of Object.entries(example.request?.[where] ?? {})) {
              const validate = check.parameter(route, where === "params" ? "path" : "query", name);
              expect(validate(value), `${label} ${where}.${name}: ${describeErrors(validate)}`).toBe(true);
            }
          }
        }
      }
      // Bodies are documented with their input side: no transforms' output, no unknown fields.
      if (route.request.body) expect(operation(route.path, route.method).requestBody.content["application/json"].schema).toBeDefined();
    }
  });

  it("is committed as docs/openapi.json, identical to a fresh build", () => {
    const committed = readFileSync(path.join(ROOT, "docs", "openapi.json"), "utf8");
    expect(
      committed === serializeOpenApiDocument(buildOpenApiDocument()),
      "docs/openapi.json is out of date: run `npm run docs:openapi` and commit the result",
    ).toBe(true);
  });

  describe("GET /api/v1/openapi.json", () => {
    let server: AppServer;
    beforeAll(async () => {
      server = await startAppServer();
    });
    afterAll(async () => {
      await server?.close();
    });

    it("serves the same document, publicly cacheable and readable from any origin", async () => {
      const res = await fetch(`${server.url}/api/v1/openapi.json`, { headers: { origin: "https://example.org" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(res.headers.get("cache-control")).toBe("public, max-age=300");
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(await res.text()).toBe(JSON.stringify(buildOpenApiDocument()));
    });
  });
});
