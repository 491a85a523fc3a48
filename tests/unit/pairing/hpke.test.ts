import { Aes128Gcm, CipherSuite, DhkemP256HkdfSha256, DhkemX25519HkdfSha256, HkdfSha256 } from "@hpke/core";
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes, utf8 } from "@/lib/pairing/crypto/bytes";
import { PairingCryptoError } from "@/lib/pairing/crypto/errors";
import { hpkeOpen, hpkeSeal, setupBaseRecipient, setupBaseSender } from "@/lib/pairing/crypto/hpke";
import { DHKEMS } from "@/lib/pairing/crypto/kem";
import type { KemAlg } from "@/lib/pairing/protocol";

// RFC 9180 Appendix A.1.1 and A.3.1 (base mode, sequence 0), copied from the RFC text.
const RFC_VECTORS: Record<KemAlg, Record<string, string>> = {
  x25519: {
    skEm: "52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736",
    pkRm: "3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d",
    skRm: "4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8",
    enc: "37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431",
    sharedSecret: "fe0e18c9f024ce43799ae393c7e8fe8fce9d218875e8227b0187c04e7d2ea1fc",
    ct: "f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a",
  },
  p256: {
    skEm: "4995788ef4b9d6132b249ce59a77281493eb39af373d236a1fe415cb0c2d7beb",
    pkRm: "04fe8c19ce0905191ebc298a9245792531f26f0cece2460639e8bc39cb7f706a826a779b4cf969b8a0e539c7f62fb3d30ad6aa8f80e30f1d128aafd68a2ce72ea0",
    skRm: "f3ce7fdae57e1a310d87f1ebbde6f328be0a99cdbcadf4d6589cf29de4b8ffd2",
    enc: "04a92719c6195d5085104f469a8b9814d5838ff72b60501e2c4466e5e67b325ac98536d7b61a1af4b78e5b7f951c0900be863c403ce65c9bfcb9382657222d18c4",
    sharedSecret: "c0d26aeab536609a572b07695d933b589dcf363ff9d93c93adea537aeabb8cb8",
    key: "868c066ef58aae6dc589b6cfdd18f97e",
    baseNonce: "4e0bc5018beba4bf004cca59",
    ct: "5ad590bb8baa577f8619db35a36311226a896e7342a6d836d8b7bcd2f20b6c7f9076ac232e3ab2523f39513434",
  },
};
const RFC_INFO = hexToBytes("4f6465206f6e2061204772656369616e2055726e");
const RFC_AAD = hexToBytes("436f756e742d30");
const RFC_PT = hexToBytes("4265617574792069732074727574682c20747275746820626561757479");

const KEM_ALGS: KemAlg[] = ["x25519", "p256"];

function hpkeJsSuite(alg: KemAlg): CipherSuite {
  const kem = alg === "x25519" ? new DhkemX25519HkdfSha256() : new DhkemP256HkdfSha256();
  return new CipherSuite({ kem, kdf: new HkdfSha256(), aead: new Aes128Gcm() });
}

describe.each(KEM_ALGS)("HPKE base mode with %s", (alg) => {
  const kem = DHKEMS[alg];
  const vector = RFC_VECTORS[alg];
  const hex = (name: string) => hexToBytes(vector[name] ?? "");

  it("reproduces the RFC 9180 appendix vector when sealing", () => {
    const context = setupBaseSender(kem, hex("pkRm"), RFC_INFO, hex("skEm"));
    expect(bytesToHex(context.enc)).toBe(vector.enc);
    expect(bytesToHex(context.sharedSecret)).toBe(vector.sharedSecret);
    if (vector.key) expect(bytesToHex(context.key)).toBe(vector.key);
    if (vector.baseNonce) expect(bytesToHex(context.baseNonce)).toBe(vector.baseNonce);
    const sealed = hpkeSeal({
      kem,
      recipientPublicKey: hex("pkRm"),
      info: RFC_INFO,
      aad: RFC_AAD,
      plaintext: RFC_PT,
      ephemeralSecretKey: hex("skEm"),
    });
    expect(bytesToHex(sealed.ciphertext)).toBe(vector.ct);
  });

  it("opens the RFC 9180 appendix ciphertext", () => {
    expect(bytesToHex(setupBaseRecipient(kem, hex("skRm"), hex("enc"), RFC_INFO).sharedSecret)).toBe(
      vector.sharedSecret,
    );
    const opened = hpkeOpen({
      kem,
      recipientSecretKey: hex("skRm"),
      enc: hex("enc"),
      info: RFC_INFO,
      aad: RFC_AAD,
      ciphertext: hex("ct"),
    });
    expect(bytesToHex(opened)).toBe(bytesToHex(RFC_PT));
  });

  it("interoperates with @hpke/core (WebCrypto): ours seals, theirs opens", async () => {
    const suite = hpkeJsSuite(alg);
    const recipientSecret = kem.randomSecretKey();
    const info = utf8("interop info");
    const aad = utf8("interop aad");
    const plaintext = utf8("sealed by noble");
    const sealed = hpkeSeal({
      kem,
      recipientPublicKey: kem.publicKeyOf(recipientSecret),
      info,
      aad,
      plaintext,
    });
    const recipientKey = await suite.kem.deserializePrivateKey(recipientSecret);
    const opened = await suite.open({ recipientKey, enc: sealed.enc, info }, sealed.ciphertext, aad);
    expect(new Uint8Array(opened)).toEqual(plaintext);
  });

  it("interoperates with @hpke/core (WebCrypto): theirs seals, ours opens", async () => {
    const suite = hpkeJsSuite(alg);
    const recipientSecret = kem.randomSecretKey();
    const info = utf8("interop info");
    const aad = utf8("interop aad");
    const plaintext = utf8("sealed by webcrypto");
    const recipientPublicKey = await suite.kem.deserializePublicKey(kem.publicKeyOf(recipientSecret));
    const sealed = await suite.seal({ recipientPublicKey, info }, plaintext, aad);
    const opened = hpkeOpen({
      kem,
      recipientSecretKey: recipientSecret,
      enc: new Uint8Array(sealed.enc),
      info,
      aad,
      ciphertext: new Uint8Array(sealed.ct),
    });
    expect(opened).toEqual(plaintext);
  });

  it("refuses a ciphertext sealed with another info, aad or recipient", () => {
    const recipientSecret = kem.randomSecretKey();
    const sealed = hpkeSeal({
      kem,
      recipientPublicKey: kem.publicKeyOf(recipientSecret),
      info: utf8("info"),
      aad: utf8("aad"),
      plaintext: utf8("x"),
    });
    const base = { kem, recipientSecretKey: recipientSecret, enc: sealed.enc, ciphertext: sealed.ciphertext };
    const attempts = [
      { ...base, info: utf8("other"), aad: utf8("aad") },
      { ...base, info: utf8("info"), aad: utf8("other") },
      { ...base, recipientSecretKey: kem.randomSecretKey(), info: utf8("info"), aad: utf8("aad") },
    ];
    for (const attempt of attempts) {
      expect(() => hpkeOpen(attempt)).toThrow(PairingCryptoError);
    }
  });

  it("refuses malformed recipient public keys", () => {
    const good = kem.publicKeyOf(kem.randomSecretKey());
    const bad = [good.slice(1), new Uint8Array(good.length + 1)];
    if (alg === "p256") bad.push(new Uint8Array(65).fill(4), Uint8Array.of(2, ...good.slice(1, 33)));
    else bad.push(new Uint8Array(32)); // the zero point: low order, DH gives all zeros
    for (const key of bad) {
      expect(() =>
        hpkeSeal({ kem, recipientPublicKey: key, info: utf8(""), aad: utf8(""), plaintext: utf8("x") }),
      ).toThrow(PairingCryptoError);
    }
  });
});
