import { z } from "zod";
import type { AdjustableClock } from "./clock";
import { error, json, parseJsonBody, type EmulatorResponse } from "./http";
import { faultSpecSchema, type FaultSpec } from "./faults";

/** The operations the control surface offers, implemented by the running emulator. */
export interface EmulatorControls {
  reset(): void;
  clock: AdjustableClock;
  state(): unknown;
  setApiKeyEnabled(key: string, enabled: boolean): void;
  injectFault(spec: FaultSpec): number;
  clearFaults(): void;
  addUser(loginId: string, password: string, options?: { disabled?: boolean }): void;
}

const clockBodySchema = z.union([
  z.object({ advanceMs: z.number().int().nonnegative() }).strict(),
  z.object({ set: z.iso.datetime({ offset: true }) }).strict(),
]);
const apiKeyBodySchema = z.object({ key: z.string().min(1), enabled: z.boolean() });
const userBodySchema = z.object({
  login_id: z.string().min(1),
  password: z.string().min(1),
  disabled: z.boolean().optional(),
});

/** /__control/*: test-only, served only when the emulator was started with control enabled. */
export function controlRoute(
  controls: EmulatorControls,
  method: string,
  name: string,
  body: string,
): EmulatorResponse {
  const key = `${method} ${name}`;
  if (key === "POST reset") {
    controls.reset();
    return json(200, { ok: true });
  }
  if (key === "GET state") return json(200, controls.state());
  if (key === "GET clock") return json(200, { now: controls.clock.now().toISOString() });
  if (key === "POST clock") {
    const parsed = parseJsonBody(body, clockBodySchema, 'Expected {"advanceMs": n} or {"set": "ISO time"}');
    if (!parsed.ok) return parsed.response;
    if ("advanceMs" in parsed.value) controls.clock.advance(parsed.value.advanceMs);
    else controls.clock.set(parsed.value.set);
    return json(200, { now: controls.clock.now().toISOString() });
  }
  if (key === "POST api-keys") {
    const parsed = parseJsonBody(body, apiKeyBodySchema, 'Expected {"key": "...", "enabled": bool}');
    if (!parsed.ok) return parsed.response;
    controls.setApiKeyEnabled(parsed.value.key, parsed.value.enabled);
    return json(200, { ok: true });
  }
  if (key === "POST faults") {
    const parsed = parseJsonBody(
      body,
      faultSpecSchema,
      "Not a valid fault (see docs/medium-one-emulator.md)",
    );
    if (!parsed.ok) return parsed.response;
    return json(200, { id: controls.injectFault(parsed.value) });
  }
  if (key === "DELETE faults") {
    controls.clearFaults();
    return json(200, { ok: true });
  }
  if (key === "POST users") {
    const parsed = parseJsonBody(body, userBodySchema, 'Expected {"login_id", "password", "disabled"?}');
    if (!parsed.ok) return parsed.response;
    controls.addUser(parsed.value.login_id, parsed.value.password, { disabled: parsed.value.disabled });
    return json(200, { ok: true });
  }
  return error(404, "Unknown control operation");
}
