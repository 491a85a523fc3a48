import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ed25519, x25519 } from "@noble/curves/ed25519.js";
import { describe, expect, it } from "vitest";
import { PairingCryptoError, recipientPublicKey, recipientSecretKey } from "@/lib/pairing/crypto";

describe("which key a QR is sealed to", () => {
  it("maps Ed25519 to X25519 consistently on both sides", () => {
    const seed = ed25519.utils.randomSecretKey();
    const publicSide = recipientPublicKey({ alg: "ed25519", publicKey: ed25519.getPublicKey(seed) });
    const secretSide = recipientSecretKey({ alg: "ed25519", secretKey: seed });
    expect(publicSide.kemAlg).toBe("x25519");
    expect(x25519.getPublicKey(secretSide.kemSecretKey)).toEqual(publicSide.kemPublicKey);
  });

  it("prefers the separate encryption key when there is one", () => {
    const kemSecretKey = x25519.utils.randomSecretKey();
    const kemPublicKey = x25519.getPublicKey(kemSecretKey);
    const seed = ed25519.utils.randomSecretKey();
    expect(
      recipientPublicKey({
        alg: "ed25519",
        publicKey: ed25519.getPublicKey(seed),
        kemAlg: "x25519",
        kemPublicKey,
      }),
    ).toEqual({ kemAlg: "x25519", kemPublicKey });
    expect(recipientSecretKey({ alg: "ed25519", secretKey: seed, kemAlg: "x25519", kemSecretKey })).toEqual({
      kemAlg: "x25519",
      kemSecretKey,
    });
  });

  it("refuses half a separate key, wrong lengths and points off the curve", () => {
    const publicKey = ed25519.getPublicKey(ed25519.utils.randomSecretKey());
    expect(() => recipientPublicKey({ alg: "ed25519", publicKey, kemAlg: "x25519" })).toThrow(
      PairingCryptoError,
    );
    expect(() => recipientPublicKey({ alg: "ed25519", publicKey: publicKey.slice(1) })).toThrow(
      PairingCryptoError,
    );
    expect(() => recipientPublicKey({ alg: "p256", publicKey })).toThrow(PairingCryptoError);
    // y = 2 is not the y-coordinate of any Ed25519 point.
    const offCurve = new Uint8Array(32);
    offCurve[0] = 2;
    expect(() => recipientPublicKey({ alg: "ed25519", publicKey: offCurve })).toThrow(
      expect.objectContaining({ reason: "bad_key" }),
    );
  });
});

describe("browser safety", () => {
  const dir = path.join(import.meta.dirname, "../../../lib/pairing");
  const files = [
    "protocol.ts",
    ...readdirSync(path.join(dir, "crypto")).map((name) => path.join("crypto", name)),
  ];

  it.each(files)("%s imports only @noble/*, zod and its siblings", (file) => {
    const source = readFileSync(path.join(dir, file), "utf8");
    const imports = [...source.matchAll(/from "([^"]+)"/g)].map((match) => match[1]);
    for (const specifier of imports) {
      expect(specifier).toMatch(/^(@noble\/(curves|hashes|ciphers)\/[\w./]+\.js|zod|\.\.?\/[\w./-]+)$/);
    }
    expect(source).not.toMatch(/server-only|crypto\.subtle|Buffer\./);
  });
});
