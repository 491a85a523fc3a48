import "server-only";
import { getConfig, type Config } from "@/lib/config";
import { MediumOneClient, type MediumOneClientOptions } from "./client";

export { MediumOneClient, type MediumOneClientOptions } from "./client";
export { MediumOneSession, type EventInput, type EventQuery, type UserChange } from "./session";
export { CAPABILITIES, OPERATIONS, type AccountKind, type Operation } from "./capabilities";
export type { MediumOneEvent, MediumOneUser } from "./schemas";
export * from "./errors";

/** The client for the configured Medium One project and account. */
export function createMediumOneClient(
  config: Config["mediumOne"],
  overrides: Pick<MediumOneClientOptions, "fetch" | "clock" | "sessionMode"> = {},
): MediumOneClient {
  return new MediumOneClient({
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    timeoutMs: config.timeoutMs,
    account: { kind: config.accountKind, loginId: config.loginId, password: config.password },
    ...overrides,
  });
}

const CLIENT = Symbol.for("onboard.mediumOneClient");
type Holder = { [CLIENT]?: MediumOneClient };

/** The process's client for the configured account: one per process, so its session is reused (memory only). */
export function getMediumOneClient(): MediumOneClient {
  const holder = globalThis as Holder;
  holder[CLIENT] ??= createMediumOneClient(getConfig().mediumOne);
  return holder[CLIENT];
}
