// Writes docs/openapi.json from the routes' zod schemas (npm run docs:openapi). The integration
// test tests/integration/openapi.test.ts fails when the committed file differs from a fresh build.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildOpenApiDocument, serializeOpenApiDocument } from "@/lib/openapi/build-document";

const target = path.resolve(__dirname, "..", "docs", "openapi.json");
const doc = buildOpenApiDocument();
writeFileSync(target, serializeOpenApiDocument(doc));
console.log(`wrote ${path.relative(process.cwd(), target)} (${Object.keys(doc.paths ?? {}).length} paths)`);
