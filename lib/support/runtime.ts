import "server-only";
import { getConfig, type Config } from "@/lib/config";
import { getMediumOneClient } from "@/lib/medium-one";
import type { MediumOneClient } from "@/lib/medium-one/client";

export type SupportConfig = Pick<Config, "mode" | "publicBaseUrl" | "secrets" | "mediumOne" | "onboarding">;

/** What the console needs besides the database and clock (lib/auth/runtime.ts): the Medium One client and config. */
export interface SupportRuntime {
  mediumOne: MediumOneClient;
  config: SupportConfig;
}

/** The process's client and configuration (tests replace this module). */
export async function supportRuntime(): Promise<SupportRuntime> {
  return { mediumOne: getMediumOneClient(), config: getConfig() };
}
