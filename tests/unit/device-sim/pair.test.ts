import { ed25519 } from "@noble/curves/ed25519.js";
import { p256 } from "@noble/curves/nist.js";
import { describe, expect, it } from "vitest";
import { base64urlDecode } from "@/lib/device-sim/bytes";
import { parseDeviceKeys } from "@/lib/device-sim/device-keys";
import { pairDevice, type PairDeviceOptions } from "@/lib/device-sim/pair";
import { signedBytes, type ConnectedDetails } from "@/lib/device-sim/signed-bytes";
import { base45Encode } from "./base45-encode";
import { API_BASE, apiError, fakeDeviceApi, fakeTiming, type FakeAnswer } from "./fake-device-api";
import { fromHex, keyLineOf, VECTORS, type VectorCase } from "./vectors";

const [ED25519, P256, SEPARATE_KEM] = VECTORS as [VectorCase, VectorCase, VectorCase];

function run(
  vector: VectorCase,
  overrides: Partial<PairDeviceOptions> = {},
  queued: Record<string, FakeAnswer[]> = {},
) {
  const api = fakeDeviceApi(vector, queued);
  const timing = fakeTiming();
  const lines: string[] = [];
  const result = pairDevice({
    keys: parseDeviceKeys(keyLineOf(vector)),
    qr: { text: vector.qr.payload_text },
    apiBaseUrl: API_BASE,
    connectMode: "rest",
    firmware: vector.connected.request.details.firmware,
    fetch: api.fetch,
    timing,
    log: (line) => lines.push(line),
    ...overrides,
  });
  return { api, timing, lines, result };
}

/** The payload of a vector with one byte flipped, re-encoded as QR text. */
function tamperedQrText(vector: VectorCase, index: number): string {
  const bytes = fromHex(vector.qr.payload_bytes_hex);
  bytes[index]! ^= 0x01;
  return `OB1:${base45Encode(bytes)}`;
}

describe.each(VECTORS)("pairDevice against the vector's answers: $name", (vector) => {
  it("sends exactly the vector's requests and ends with every step ✓", async () => {
    const { api, lines, result } = run(vector);
    expect(await result).toMatchObject({ ok: true, serial: vector.device.serial, via: "event_accepted" });
    expect(lines.map((l) => l.split(":")[0])).toEqual([
      "✓ decode QR",
      "✓ open sealed payload",
      "✓ derive session secrets",
      "✓ hello",
      "✓ redeem",
      "✓ decrypt bundle",
      "✓ ack",
      "✓ connect Medium One",
      "✓ connected",
      "✓ done",
    ]);
    expect(api.ops()).toEqual(["hello", "redeem", "ack", "login", "event", "connected"]);
    const [hello, redeem, ack, login, event, connected] = api.requests.map((r) => r.body);
    expect(hello).toEqual(vector.hello.request);
    expect(redeem).toEqual(vector.redeem.request);
    expect(ack).toEqual(vector.ack.request);
    const bundle = JSON.parse(vector.bundle.plaintext_json);
    expect(login).toEqual({ login_id: bundle.login_id, password: bundle.password, api_key: bundle.api_key });
    expect(event).toEqual({
      event_data: { onboard: "connected", firmware: "vector-fw 1.0.0" },
      cookie: "m1_session=abc",
    });

    // The connected report: same session and nonce as the ack, REST details, a signature over §6 connected bytes.
    const details = connected!.details as ConnectedDetails;
    expect(details).toEqual({
      via: "event_accepted",
      client_id: "",
      elapsed_ms: 0,
      firmware: "vector-fw 1.0.0",
    });
    expect({ ...connected, signature: undefined, details: undefined }).toEqual({
      ...vector.ack.request,
      signature: undefined,
      details: undefined,
    });
    const bytes = signedBytes(
      "connected",
      {
        nonce: fromHex(vector.server_nonce_hex),
        sessionId: fromHex(vector.session.session_id_hex),
        serial: vector.device.serial,
      },
      details,
    );
    const signature = base64urlDecode(connected!.signature as string, 64);
    const publicKey = fromHex(vector.device.public_key_hex);
    expect(
      vector.device.alg === "ed25519"
        ? ed25519.verify(signature, bytes, publicKey)
        : p256.verify(signature, bytes, publicKey, { lowS: false }),
    ).toBe(true);
  });

  it("prints no password, API key, QR secret, session token or bundle key", async () => {
    const { lines, result } = run(vector);
    await result;
    const bundle = JSON.parse(vector.bundle.plaintext_json);
    const text = lines.join("\n");
    for (const secret of [
      bundle.password,
      bundle.api_key,
      bundle.mqtt.password,
      vector.session.qr_secret_hex,
      vector.session.session_token_b64url,
      vector.session.bundle_key_hex,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain(bundle.login_id);
  });
});

describe("pairDevice stops at the exact failing step", () => {
  it("a tampered sealed payload fails at 'open sealed payload' without calling the API", async () => {
    for (const index of [2, 40, 81]) {
      const { api, result } = run(ED25519, { qr: { text: tamperedQrText(ED25519, index) } });
      expect(await result).toMatchObject({ ok: false, step: "open sealed payload" });
      expect(api.requests).toEqual([]);
    }
  });

  it("a QR sealed to another device's serial fails at 'open sealed payload'", async () => {
    const keys = { ...parseDeviceKeys(keyLineOf(ED25519)), serial: "OB-ED-0002" };
    const { result } = run(ED25519, { keys });
    expect(await result).toMatchObject({ ok: false, step: "open sealed payload" });
  });

  it.each([
    ["a text without OB1:", ` ${ED25519.qr.payload_text}`, /no OB1: prefix/],
    ["another version byte", () => tamperedQrText(ED25519, 0), /not for this firmware/],
    ["a P-256 QR on an X25519 device", P256.qr.payload_text, /not for this firmware/],
    ["broken base45", `${ED25519.qr.payload_text.slice(0, -1)}`, /base45/],
  ])("%s fails at 'decode QR' without calling the API", async (_name, text, reason) => {
    const { api, result } = run(ED25519, { qr: { text: typeof text === "string" ? text : text() } });
    const outcome = await result;
    expect(outcome).toMatchObject({ ok: false, step: "decode QR" });
    expect(!outcome.ok && outcome.message).toMatch(reason);
    expect(api.requests).toEqual([]);
  });

  it("a tampered bundle ciphertext fails at 'decrypt bundle' and is never acked", async () => {
    const ciphertext = base64urlDecode(P256.redeem.response.bundle.ciphertext);
    ciphertext[10]! ^= 0x80;
    const tampered = {
      bundle: { ...P256.redeem.response.bundle, ciphertext: Buffer.from(ciphertext).toString("base64url") },
    };
    const { api, result } = run(P256, {}, { redeem: [{ status: 200, body: tampered }] });
    expect(await result).toMatchObject({ ok: false, step: "decrypt bundle" });
    expect(api.ops()).toEqual(["hello", "redeem"]);
  });

  it.each([
    ["hello", 404, "unknown_session", ["hello"]],
    ["hello", 409, "already_used", ["hello"]],
    ["redeem", 401, "bad_signature", ["hello", "redeem"]],
    ["redeem", 409, "already_used", ["hello", "redeem"]],
    ["ack", 404, "unknown_session", ["hello", "redeem", "ack"]],
    ["connected", 404, "unknown_session", ["hello", "redeem", "ack", "login", "event", "connected"]],
  ])("%s answering %i %s is final at that step", async (op, status, code, ops) => {
    const { api, timing, result } = run(SEPARATE_KEM, {}, { [op]: [apiError(status, code)] });
    expect(await result).toMatchObject({ ok: false, step: op, code });
    expect(api.ops()).toEqual(ops);
    expect(timing.slept).toEqual([]);
  });

  it("a refused Medium One login fails at 'connect Medium One' and sends no connected report", async () => {
    const { api, result } = run(
      ED25519,
      {},
      { login: [{ status: 401, body: { error: { message: "Invalid login" } } }] },
    );
    const outcome = await result;
    expect(outcome).toMatchObject({ ok: false, step: "connect Medium One" });
    expect(!outcome.ok && outcome.message).toMatch(/HTTP 401 Invalid login/);
    expect(api.ops()).toEqual(["hello", "redeem", "ack", "login"]);
  });
});

describe("pairDevice follows the retry rules of §9", () => {
  it("retries the same request after network errors and 5xx with 1, 2, 4 s backoff", async () => {
    const { api, timing, result } = run(
      ED25519,
      {},
      {
        hello: [{ networkError: true }, { status: 503, body: "<html>" }, apiError(500, "server_error")],
      },
    );
    expect(await result).toMatchObject({ ok: true });
    expect(timing.slept).toEqual([1000, 2000, 4000]);
    const hellos = api.requests.filter((r) => r.op === "hello").map((r) => r.body);
    expect(hellos).toHaveLength(4);
    expect(new Set(hellos.map((h) => JSON.stringify(h))).size).toBe(1);
  });

  it("waits Retry-After on rate_limited (5 s when absent), then repeats the same request", async () => {
    const { api, timing, result } = run(
      ED25519,
      {},
      {
        redeem: [apiError(429, "rate_limited", { "retry-after": "3" }), apiError(429, "rate_limited")],
      },
    );
    expect(await result).toMatchObject({ ok: true });
    expect(timing.slept).toEqual([3000, 5000]);
    const redeems = api.requests.filter((r) => r.op === "redeem").map((r) => r.body);
    expect(redeems).toEqual([ED25519.redeem.request, ED25519.redeem.request, ED25519.redeem.request]);
  });

  it("on stale_nonce says hello again and signs again with the new nonce", async () => {
    const fresh = {
      nonce: Buffer.alloc(32, 7).toString("base64url"),
      expires_at: "2026-01-01T12:04:00.000Z",
    };
    const { api, result } = run(
      P256,
      {},
      {
        redeem: [apiError(401, "stale_nonce")],
        hello: [
          { status: 200, body: P256.hello.response },
          { status: 200, body: fresh },
        ],
      },
    );
    expect(await result).toMatchObject({ ok: true });
    expect(api.ops().slice(0, 5)).toEqual(["hello", "redeem", "hello", "redeem", "ack"]);
    const [, first, , second, ack] = api.requests.map((r) => r.body);
    expect(first!.nonce).toBe(P256.hello.response.nonce);
    expect(second!.nonce).toBe(fresh.nonce);
    expect(ack!.nonce).toBe(fresh.nonce);
    const bytes = signedBytes("redeem", {
      nonce: base64urlDecode(fresh.nonce),
      sessionId: fromHex(P256.session.session_id_hex),
      serial: P256.device.serial,
    });
    expect(
      p256.verify(base64urlDecode(second!.signature as string), bytes, fromHex(P256.device.public_key_hex)),
    ).toBe(true);
  });

  it("gives up on a stale nonce that keeps coming back", async () => {
    const stale = () => apiError(401, "stale_nonce");
    const { api, result } = run(ED25519, {}, { redeem: [stale(), stale(), stale(), stale(), stale()] });
    expect(await result).toMatchObject({ ok: false, step: "redeem", code: "stale_nonce" });
    expect(api.ops().filter((op) => op === "hello")).toHaveLength(4);
  });

  it("carries on when the ack answers already_used (the device holds the bundle)", async () => {
    const { api, result } = run(ED25519, {}, { ack: [apiError(409, "already_used")] });
    expect(await result).toMatchObject({ ok: true });
    expect(api.ops()).toContain("connected");
  });

  it("stops retrying a failing server when the session's 10 minutes are over", async () => {
    const { api, timing, result } = run(
      ED25519,
      {},
      { hello: Array.from({ length: 500 }, () => ({ status: 503 })) },
    );
    const outcome = await result;
    expect(outcome).toMatchObject({ ok: false, step: "hello", code: "server_error" });
    expect(!outcome.ok && outcome.message).toMatch(/time is over/);
    const total = timing.slept.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(10 * 60 * 1000);
    expect(total).toBeGreaterThan(9 * 60 * 1000);
    expect(timing.slept.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(api.requests.length).toBe(timing.slept.length + 1);
  });

  it("a 200 with an unexpected body is final", async () => {
    const { result } = run(ED25519, {}, { hello: [{ status: 200, body: { nonce: "short" } }] });
    expect(await result).toMatchObject({ ok: false, step: "hello", code: "bad_response" });
  });
});
