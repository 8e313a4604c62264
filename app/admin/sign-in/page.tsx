import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/admin/sign-in-form";
import { currentAdmin } from "@/lib/server/auth/require-admin-page";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: { sent?: string; error?: string } }) {
  if (await currentAdmin()) redirect("/admin");
  return (
    <section className="admin-card narrow">
      <h1>Owner console</h1>
      {searchParams.error ? (
        <p role="alert" className="notice notice-error">That sign-in link is no longer valid. Ask for a new one below.</p>
      ) : null}
      <SignInForm sent={searchParams.sent === "1"} />
    </section>
  );
}
