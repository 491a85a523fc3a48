import { z } from "zod";
import { failureOf, onboardingDepsFor, pairingStatus, TooManyRequests } from "@/lib/onboarding";

export const dynamic = "force-dynamic";

const querySchema = z.object({ session: z.uuid() });
const NO_STORE = { "Cache-Control": "no-store" };

/** GET /api/setup/status?session=<uuid>: the pairing page's live status (PairingStatusView). */
export async function GET(request: Request): Promise<Response> {
  const parsed = querySchema.safeParse({ session: new URL(request.url).searchParams.get("session") });
  if (!parsed.success) {
    return Response.json(
      { error: "session must be a pairing session id" },
      { status: 400, headers: NO_STORE },
    );
  }
  try {
    const view = await pairingStatus(await onboardingDepsFor(request.headers), parsed.data.session);
    if (!view) return Response.json({ error: "unknown session" }, { status: 404, headers: NO_STORE });
    return Response.json(view, { headers: NO_STORE });
  } catch (error) {
    const failure = failureOf(error);
    const status = error instanceof TooManyRequests ? 429 : 503;
    return Response.json({ error: failure.formError }, { status, headers: NO_STORE });
  }
}
