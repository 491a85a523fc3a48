import { describe, expect, it } from "vitest";
import {
  buildCredentialBundle,
  decryptBundle,
  deriveSessionSecrets,
  encryptBundle,
  mqttDeviceIdFor,
  PairingCryptoError,
  randomQrSecret,
  type CredentialBundleInput,
} from "@/lib/pairing/crypto";

const INPUT: CredentialBundleInput = {
  serial: "SN-0042",
  loginId: "alice",
  password: "Sup3r-secret",
  apiKey: "DEVICEKEY",
  restBaseUrl: "https://api.mediumone.com/v2/",
  projectMqttId: "7T3kxm_Rdf4",
  userMqttId: "y9s1ZTasZs8",
  mqtt: { host: "mqtt.mediumone.com", port: 61620, tls: true },
};

function session() {
  return deriveSessionSecrets(randomQrSecret());
}

describe("credential bundle", () => {
  it("follows Medium One's MQTT conventions", () => {
    expect(buildCredentialBundle(INPUT)).toEqual({
      v: 1,
      login_id: "alice",
      password: "Sup3r-secret",
      api_key: "DEVICEKEY",
      rest_base_url: "https://api.mediumone.com/v2/",
      device_id: "SN-0042",
      mqtt: {
        host: "mqtt.mediumone.com",
        port: 61620,
        tls: true,
        username: "7T3kxm_Rdf4/y9s1ZTasZs8",
        password: "DEVICEKEY/Sup3r-secret",
        client_id: "SN-0042",
        publish_topic: "0/7T3kxm_Rdf4/y9s1ZTasZs8/SN-0042",
        subscribe_topics: ["1/7T3kxm_Rdf4/y9s1ZTasZs8/SN-0042/#", "1/7T3kxm_Rdf4/y9s1ZTasZs8/_all/#"],
      },
    });
  });

  it("hashes serials that are not safe MQTT ids into 22 characters", () => {
    expect(mqttDeviceIdFor("ACME/1+2#3")).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(mqttDeviceIdFor("X".repeat(33))).toHaveLength(22);
    expect(mqttDeviceIdFor("X".repeat(32))).toBe("X".repeat(32));
    expect(mqttDeviceIdFor("ACME/1")).not.toBe(mqttDeviceIdFor("ACME/2"));
  });

  it("refuses MQTT ids that would break a topic", () => {
    expect(() => buildCredentialBundle({ ...INPUT, userMqttId: "a/b" })).toThrow();
    expect(() => buildCredentialBundle({ ...INPUT, projectMqttId: "#" })).toThrow();
  });
});

describe("bundle encryption", () => {
  const bundle = buildCredentialBundle(INPUT);

  it("round-trips for the same session and serial", () => {
    const secrets = session();
    const encrypted = encryptBundle({ ...secrets, serial: INPUT.serial, bundle });
    expect(encrypted.nonce).toHaveLength(12);
    expect(decryptBundle({ ...secrets, serial: INPUT.serial, ...encrypted })).toEqual(bundle);
  });

  it("uses a fresh nonce each time", () => {
    const secrets = session();
    const a = encryptBundle({ ...secrets, serial: INPUT.serial, bundle });
    const b = encryptBundle({ ...secrets, serial: INPUT.serial, bundle });
    expect(a.nonce).not.toEqual(b.nonce);
  });

  it("refuses another serial, another session, another key, a changed nonce or ciphertext", () => {
    const secrets = session();
    const other = session();
    const encrypted = encryptBundle({ ...secrets, serial: INPUT.serial, bundle });
    const flip = (bytes: Uint8Array, at: number) => {
      const copy = bytes.slice();
      copy[at]! ^= 0x80;
      return copy;
    };
    const attempts = [
      { ...secrets, serial: "SN-0043", ...encrypted },
      { ...secrets, sessionId: other.sessionId, serial: INPUT.serial, ...encrypted },
      { ...secrets, bundleKey: other.bundleKey, serial: INPUT.serial, ...encrypted },
      { ...secrets, serial: INPUT.serial, ...encrypted, nonce: flip(encrypted.nonce, 0) },
      { ...secrets, serial: INPUT.serial, ...encrypted, ciphertext: flip(encrypted.ciphertext, 5) },
      {
        ...secrets,
        serial: INPUT.serial,
        ...encrypted,
        ciphertext: flip(encrypted.ciphertext, encrypted.ciphertext.length - 1),
      },
      { ...secrets, serial: INPUT.serial, ...encrypted, ciphertext: encrypted.ciphertext.slice(0, -1) },
    ];
    for (const attempt of attempts) {
      expect(() => decryptBundle(attempt)).toThrow(expect.objectContaining({ reason: "decrypt_failed" }));
    }
  });

  it("refuses wrong-sized keys and nonces with a clear reason", () => {
    const secrets = session();
    expect(() =>
      encryptBundle({ ...secrets, bundleKey: new Uint8Array(16), serial: INPUT.serial, bundle }),
    ).toThrow(expect.objectContaining({ reason: "bad_length" }));
    expect(() =>
      encryptBundle({ ...secrets, serial: INPUT.serial, bundle, nonce: new Uint8Array(8) }),
    ).toThrow(PairingCryptoError);
  });

  it("refuses a bundle larger than a device must accept", () => {
    const huge = { ...bundle, password: "x".repeat(3000) };
    expect(() => encryptBundle({ ...session(), serial: INPUT.serial, bundle: huge })).toThrow(
      expect.objectContaining({ reason: "bad_length" }),
    );
  });
});

describe("session secrets", () => {
  it("derive distinct token, id and key, deterministically from the QR secret", () => {
    const qrSecret = randomQrSecret();
    const a = deriveSessionSecrets(qrSecret);
    expect(deriveSessionSecrets(qrSecret)).toEqual(a);
    expect(a.sessionToken).not.toEqual(a.bundleKey);
    expect(a.sessionId).not.toEqual(a.sessionToken);
    expect(() => deriveSessionSecrets(new Uint8Array(16))).toThrow(PairingCryptoError);
  });
});
