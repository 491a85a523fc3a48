import { loadConfig, type Config } from "./load";

export { loadConfig, type Config, type Mode, type MediumOneAccountKind, type OnboardingConfig } from "./load";
export { ConfigError } from "./errors";

const CACHE = Symbol.for("onboard.config");
type Holder = { [CACHE]?: Config };

/** The process's configuration, read and validated once (cached on globalThis so every bundle shares it). */
export function getConfig(): Config {
  const holder = globalThis as Holder;
  holder[CACHE] ??= loadConfig();
  return holder[CACHE];
}
