import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Clock } from "@/lib/security/clock";
import { adjustable, type AdjustableClock } from "./clock";
import {
  DEFAULT_LOCKOUT_THRESHOLD,
  passwordRuleSchema,
  resolveChoices,
  type Choices,
  type PasswordRule,
} from "./choices";
import type { EmulatorContext, EmulatorRequest } from "./context";
import { controlRoute, type EmulatorControls } from "./control";
import { MAX_EVENTS_BODY_BYTES } from "./events";
import { FaultPlan, type Fault, type FaultSpec } from "./faults";
import { BodyTooLarge, error, parseCookies, readBody, type EmulatorResponse } from "./http";
import { LockoutTracker } from "./lockout";
import { startMqttEmulator, type MqttEmulatorOptions } from "./mqtt";
import { hashPassword, verifyPassword } from "./passwords";
import { route } from "./routes";
import { EmulatorStore, newMqttId, type StoredUser } from "./store";

export interface Account {
  loginId: string;
  password: string;
}

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Where state.json lives; state stays in memory only when absent. */
  dataDir?: string;
  apiKeys?: { key: string; enabled: boolean }[];
  businessUsers?: Account[];
  registrationUsers?: Account[];
  clock?: Clock;
  choices?: Partial<Choices>;
  /** Serve /__control/ (reset, clock, faults); off by default. */
  control?: boolean;
  passwordRule?: Partial<PasswordRule>;
  lockoutThreshold?: number;
  /** Also run the MQTT side (device logins and event publishing) on this port. */
  mqtt?: MqttEmulatorOptions;
}

export interface RunningEmulator extends EmulatorControls {
  /** REST base, ending in /v2/. */
  url: string;
  port: number;
  /** Port of the MQTT side, when started with `mqtt`. */
  mqttPort: number | undefined;
  choices: Choices;
  passwordRule: PasswordRule;
  listFaults(): Fault[];
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

function normalisePath(pathname: string): string[] | undefined {
  const segments = pathname.split("/").filter((s) => s !== "");
  try {
    return segments.map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** Starts the Medium One emulator: a real HTTP server with the documented paths, bodies and statuses. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const choices = resolveChoices(options.choices);
  const passwordRule = passwordRuleSchema.parse(options.passwordRule ?? {});
  const clock: AdjustableClock = adjustable(options.clock);
  const store = new EmulatorStore(options.dataDir);
  const faults = new FaultPlan();
  const context: EmulatorContext = {
    store,
    choices,
    clock,
    passwordRule,
    apiKeys: new Map((options.apiKeys ?? []).map((k) => [k.key, k.enabled])),
    lockout: new LockoutTracker(
      options.lockoutThreshold ?? DEFAULT_LOCKOUT_THRESHOLD,
      choices.lockoutCounting,
      choices.goodLoginResets === "yes",
    ),
  };

  const putUser = (loginId: string, password: string, role: StoredUser["role"], disabled = false) => {
    const existing = store.state.users[loginId];
    const samePassword = existing !== undefined && verifyPassword(password, existing.passwordHash);
    store.state.users[loginId] = {
      loginId,
      role,
      passwordHash: samePassword ? existing.passwordHash : hashPassword(password),
      mqttId: existing?.mqttId ?? newMqttId(),
      disabled,
      createdAt: existing?.createdAt ?? clock.now().getTime(),
    };
  };
  // Configured accounts are (re)seeded on every start and reset; their passwords follow the configuration.
  const seedAccounts = () => {
    for (const a of options.businessUsers ?? []) putUser(a.loginId, a.password, "business");
    for (const a of options.registrationUsers ?? []) putUser(a.loginId, a.password, "registration");
    store.save();
  };
  seedAccounts();

  const controls: EmulatorControls = {
    clock,
    reset() {
      store.clear();
      faults.clear();
      context.lockout.clear();
      seedAccounts();
    },
    state() {
      return {
        now: clock.now().toISOString(),
        choices,
        passwordRule,
        apiKeys: [...context.apiKeys].map(([key, enabled]) => ({ key: `${key.slice(0, 4)}…`, enabled })),
        users: Object.values(store.state.users).map(({ passwordHash: _hash, ...user }) => user),
        events: store.state.events.length,
        sessions: store.state.sessions.length,
        faults: faults.list(),
      };
    },
    setApiKeyEnabled(key, enabled) {
      context.apiKeys.set(key, enabled);
    },
    injectFault: (spec: FaultSpec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    addUser(loginId, password, userOptions = {}) {
      putUser(loginId, password, "basic", userOptions.disabled ?? false);
      store.save();
    },
  };

  const send = (res: ServerResponse, response: EmulatorResponse) => {
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://emulator");
    const segments = normalisePath(url.pathname);
    const method = req.method ?? "GET";
    if (segments === undefined) return send(res, error(400, "Badly encoded path"));

    if (segments[0] === "__control") {
      if (!options.control) return send(res, error(404, "Not found"));
      const body = await readBody(req, MAX_BODY_BYTES);
      return send(res, controlRoute(controls, method, segments.slice(1).join("/"), body));
    }
    if (segments[0] !== "v2") return send(res, error(404, "Not found"));

    const below = segments.slice(1);
    const fault = faults.take(method, `/${url.pathname.split("/").filter(Boolean).slice(1).join("/")}`);
    if (fault?.kind === "latency") await sleep(fault.ms);
    if (fault?.kind === "hang") return; // held open until the client gives up or the emulator closes
    if (fault?.kind === "status") return send(res, error(fault.status, "Service temporarily unavailable"));
    if (fault?.kind === "rate-limit") {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { "Retry-After": String(fault.retryAfterSeconds) };
      return send(res, error(429, "Too many requests", headers));
    }

    let body: string;
    try {
      body = await readBody(req, below[0] === "events" ? MAX_EVENTS_BODY_BYTES : MAX_BODY_BYTES);
    } catch (cause) {
      if (cause instanceof BodyTooLarge) return send(res, error(400, "Request body too large"));
      throw cause;
    }
    const request: EmulatorRequest = {
      method,
      segments: below,
      query: url.searchParams,
      body,
      ip: req.socket.remoteAddress ?? "unknown",
      cookies: parseCookies(req.headers.cookie),
      acceptedLater:
        fault?.kind === "accepted-later"
          ? { readyAfterMs: fault.readyAfterMs, readyAfterPolls: fault.readyAfterPolls }
          : undefined,
    };
    const response = route(context, request);
    // "Done but the response is lost": the action happened, the client only sees the connection drop.
    if (fault?.kind === "lose-response") {
      req.socket.destroy();
      return;
    }
    send(res, response);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, error(500, "Internal error"));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const mqtt = options.mqtt ? await startMqttEmulator(context, options.mqtt) : undefined;
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    ...controls,
    url: `http://${host}:${address.port}/v2/`,
    port: address.port,
    mqttPort: mqtt?.port,
    choices,
    passwordRule,
    listFaults: () => faults.list(),
    close: async () => {
      await Promise.all([
        mqtt?.close(),
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
      ]);
    },
  };
}
