import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(__dirname),
  // Outside Next.js there is no "react-server" condition; the guard module is a no-op here.
  "server-only": path.resolve(__dirname, "tests/support/server-only.ts"),
};

// The email templates are .tsx rendered on the server: the automatic JSX runtime, as in Next.js.
const esbuild = { jsx: "automatic" as const };

export default defineConfig({
  resolve: { alias },
  esbuild,
  test: {
    projects: [
      {
        resolve: { alias },
        esbuild,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "tools/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        esbuild,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          pool: "forks",
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/setup-file.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
