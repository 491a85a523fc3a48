import "server-only";
import { getConfig } from "@/lib/config";
import { clientAddress, clientKey } from "@/lib/security/client-ip";

/** The keyed client group of a request (never the raw address), as every rate limit and record uses it. */
export function requestClientKey(headers: Headers): string {
  const config = getConfig();
  return clientKey(
    clientAddress(headers.get("x-forwarded-for"), config.trustedProxies),
    config.secrets.ipHashKey,
  );
}

/** Reads a JSON body of at most `maxBytes`; null when it is too large or not JSON. */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return { ok: false };
  const text = await request.text();
  if (new TextEncoder().encode(text).length > maxBytes) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
