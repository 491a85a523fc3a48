import type { FetchLike } from "./transport";

/**
 * Proves Medium One answers without using any credential: a login with an empty body must be refused as
 * malformed (400). Never a real login, so health checks cannot add to a bad-login count.
 */
export async function probeMediumOne(
  baseUrl: string,
  options: { fetch?: FetchLike; timeoutMs: number },
): Promise<void> {
  const url = new URL("login", baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const response = await doFetch(url.toString(), {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: "{}",
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  await response.body?.cancel();
  if (response.status !== 400) throw new Error(`Medium One answered HTTP ${response.status} to a probe`);
}
