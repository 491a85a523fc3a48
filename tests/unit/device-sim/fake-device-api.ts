import type { Timing } from "@/lib/device-sim/timing";
import type { VectorCase } from "./vectors";

export type FakeAnswer =
  { status: number; body?: unknown; headers?: Record<string, string> } | { networkError: true };

export interface RecordedRequest {
  op: string;
  body: Record<string, unknown>;
}

const errorBody = (code: string) => ({ error: { code, message: `fake ${code}` } });
export const apiError = (status: number, code: string, headers?: Record<string, string>): FakeAnswer => ({
  status,
  body: errorBody(code),
  headers,
});

export const API_BASE = "https://onboard.test";

/**
 * A fake device API and Medium One REST service answering as the vectors say: `queued` answers (per operation) are
 * used first, then the vector's. Records every request, so tests can compare bodies byte for byte.
 */
export function fakeDeviceApi(vector: VectorCase, queued: Partial<Record<string, FakeAnswer[]>> = {}) {
  const requests: RecordedRequest[] = [];
  const normal: Record<string, FakeAnswer> = {
    hello: { status: 200, body: vector.hello.response },
    redeem: { status: 200, body: vector.redeem.response },
    ack: { status: 200, body: { ok: true } },
    connected: { status: 200, body: { ok: true } },
    login: { status: 200, body: true, headers: { "set-cookie": "m1_session=abc; Path=/; HttpOnly" } },
    event: { status: 200, body: 1 },
  };
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const op = url.startsWith(`${API_BASE}/api/v1/pairing/`)
      ? url.slice(`${API_BASE}/api/v1/pairing/`.length)
      : url.endsWith("/login")
        ? "login"
        : "event";
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    if (op === "event") body.cookie = new Headers(init?.headers).get("cookie");
    requests.push({ op, body });
    const answer = queued[op]?.shift() ?? normal[op]!;
    if ("networkError" in answer) throw new TypeError("fetch failed");
    return new Response(answer.body === undefined ? "" : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "content-type": "application/json", ...answer.headers },
    });
  }) as typeof globalThis.fetch;
  return { fetch, requests, ops: () => requests.map((r) => r.op) };
}

/** Time that only moves when the simulator sleeps; jitter fixed at its midpoint (no jitter). */
export function fakeTiming(): Timing & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    random: () => 0.5,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}
