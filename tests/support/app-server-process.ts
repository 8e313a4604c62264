// Runs tests/support/app-server.ts in a process of its own (its own module state, caches and
// connection pools), for tests about several server processes sharing one database. Started by
// startAppServerProcess below with the parent's environment; prints its URL on the first line.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

const ROOT = path.resolve(__dirname, "../..");

export interface AppServerProcess {
  url: string;
  stop(): Promise<void>;
}

export async function startAppServerProcess(): Promise<AppServerProcess> {
  // react-server: the condition under which Next.js loads server code; it makes "server-only" a no-op.
  const child: ChildProcess = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(__dirname, "app-server-process.ts")],
    { cwd: ROOT, env: { ...process.env, PAC_APP_SERVER_CHILD: "1" }, stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => resolve(line.trim()));
    child.once("exit", (code) => reject(new Error(`app server process exited with ${code}`)));
    child.once("error", reject);
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

if (process.env.PAC_APP_SERVER_CHILD === "1" && process.argv[1]?.endsWith("app-server-process.ts")) {
  void (async () => {
    const { startAppServer } = await import("./app-server");
    const server = await startAppServer();
    process.stdout.write(`${server.url}\n`);
    process.once("SIGTERM", () => {
      void server.close().finally(() => process.exit(0));
    });
  })();
}
