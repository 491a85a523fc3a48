import "server-only";
import { getConfig } from "@/lib/config";
import { clientAddress, clientKey } from "@/lib/security/client-ip";

/** The keyed client group of a request (never the raw address), as every rate limit and record uses it. */
export function requestClientKey(headers: Headers): string {
  const config = getConfig();
  return clientKey(
    clientAddress(headers.get("x-onboard-peer"), headers.get("x-forwarded-for"), config.trustedProxies),
    config.secrets.ipHashKey,
  );
}
