import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { requestClientKey } from "@/lib/http/request-context";
import { getMediumOneClient } from "@/lib/medium-one";
import { systemClock } from "@/lib/security/clock";
import type { OnboardingDeps } from "./deps";

/** The app's dependencies for one request: the process's database, client and configuration, the caller's key. */
export async function onboardingDepsFor(headers: Headers): Promise<OnboardingDeps> {
  return {
    db: await getDb(),
    clock: systemClock,
    mediumOne: getMediumOneClient(),
    config: getConfig(),
    clientKey: requestClientKey(headers),
  };
}
