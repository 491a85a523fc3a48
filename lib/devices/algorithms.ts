/** Signing keys a device may hold (design §4), named as `alg` in the pairing protocol. */
export const SIGN_ALGS = ["ed25519", "p256"] as const;
export type SignAlg = (typeof SIGN_ALGS)[number];

/** Optional separate encryption keys (secure elements often keep them apart), named as `kem_alg`. */
export const KEM_ALGS = ["x25519", "p256"] as const;
export type KemAlg = (typeof KEM_ALGS)[number];

export type KeyAlg = SignAlg | KemAlg;

/** The encryption key that `generate --separate-kem` pairs with each signing algorithm. */
export const SEPARATE_KEM_FOR: Record<SignAlg, KemAlg> = { ed25519: "x25519", p256: "p256" };

export const ALG_NAMES: Record<KeyAlg, string> = { ed25519: "Ed25519", x25519: "X25519", p256: "P-256" };

export function isSignAlg(value: string): value is SignAlg {
  return (SIGN_ALGS as readonly string[]).includes(value);
}

export function isKemAlg(value: string): value is KemAlg {
  return (KEM_ALGS as readonly string[]).includes(value);
}
