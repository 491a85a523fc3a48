import "server-only";
import { MULTIPLE_CLIENTS_ALERT } from "@/lib/onboarding/alerts";

/** Audit actions that are alerts in themselves: shown on the device page (the alerts page counts them). */
export const ALERT_ACTIONS: readonly string[] = [MULTIPLE_CLIENTS_ALERT, "pairing.bad_signature"];
