import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth/auth-options";
import { limitSignInAttempts } from "@/lib/server/auth/limit-sign-in";
import { errorResponse, otherMethods } from "@/lib/server/http/define-route";
import { resolveRequestId } from "@/lib/server/http/request-id";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: { nextauth: string[] } };
type Handler = (request: Request, context: Context) => Promise<Response>;

// Built on the first request, not at import: `next build` loads this module without secrets.
let handler: Handler | undefined;
const authHandler = (): Handler => (handler ??= NextAuth(authOptions()) as Handler);

export async function GET(request: Request, context: Context): Promise<Response> {
  return authHandler()(request, context);
}

export async function POST(request: Request, context: Context): Promise<Response> {
  if (context.params.nextauth.join("/") === "signin/email") {
    const form = await request.clone().formData().catch(() => null);
    const email = form?.get("email");
    try {
      await limitSignInAttempts(request.headers, typeof email === "string" ? email : null);
    } catch (error) {
      return errorResponse(error, resolveRequestId(request));
    }
  }
  return authHandler()(request, context);
}

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/auth/[...nextauth]", ["GET", "POST"]);
