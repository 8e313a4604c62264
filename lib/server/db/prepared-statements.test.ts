import { describe, expect, it } from "vitest";
import { preparedStatementsFor } from "./prepared-statements";

describe("preparedStatementsFor", () => {
  it.each([
    { name: "auto on a direct connection", setting: "auto", url: "postgresql://postgres@127.0.0.1:5432/app", expected: true },
    { name: "auto on Supabase's transaction pooler (port 6543)", setting: "auto", url: "postgresql://u:p@aws-0-us-east-1.pooler.supabase.com:6543/postgres?sslmode=require", expected: false },
    { name: "auto with pgbouncer=true", setting: "auto", url: "postgresql://u:p@db.example.com:5432/app?pgbouncer=true", expected: false },
    { name: "forced on behind a pooler that supports them", setting: "true", url: "postgresql://u:p@h:6543/app", expected: true },
    { name: "forced off", setting: "false", url: "postgresql://postgres@127.0.0.1:5432/app", expected: false },
    { name: "auto with an unparsable URL", setting: "auto", url: "not a url", expected: false },
  ] as const)("$name → $expected", ({ setting, url, expected }) => {
    expect(preparedStatementsFor(setting, url)).toBe(expected);
  });
});
