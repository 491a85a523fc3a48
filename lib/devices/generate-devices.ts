import { CROCKFORD_ALPHABET, generateBoxCode } from "./box-code";
import { SEPARATE_KEM_FOR, type KemAlg, type SignAlg } from "./algorithms";
import { generateKeyPair, type GeneratedKeyPair } from "./key-generation";

export interface DeviceSpec {
  alg: SignAlg;
  separateKem: boolean;
}

export interface GeneratedDevice {
  serial: string;
  code: string;
  model: string;
  alg: SignAlg;
  signing: GeneratedKeyPair;
  kem?: { alg: KemAlg; pair: GeneratedKeyPair };
}

/** A short random tag (Crockford base32) that keeps generated batch names and serials apart. */
export function randomTag(length = 8): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => CROCKFORD_ALPHABET.charAt(byte & 31)).join("");
}

/** Serials `PREFIX-000001`…, fresh box codes (distinct within the batch) and key pairs, one per spec. */
export function generateDevices(
  specs: readonly DeviceSpec[],
  model: string,
  serialPrefix: string,
): GeneratedDevice[] {
  const width = Math.max(6, String(specs.length).length);
  const codes = new Set<string>();
  return specs.map((spec, index) => {
    let code = generateBoxCode();
    // 75 random bits make a repeat astronomically unlikely; the loop only keeps the batch honest if one happens.
    while (codes.has(code)) code = generateBoxCode();
    codes.add(code);
    const kemAlg = spec.separateKem ? SEPARATE_KEM_FOR[spec.alg] : undefined;
    return {
      serial: `${serialPrefix}-${String(index + 1).padStart(width, "0")}`,
      code,
      model,
      alg: spec.alg,
      signing: generateKeyPair(spec.alg),
      ...(kemAlg && { kem: { alg: kemAlg, pair: generateKeyPair(kemAlg) } }),
    };
  });
}
