import { DeviceCryptoError } from "./errors";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/** RFC 9285 base45 decoding with the refusals of §4.3: foreign characters, length ≡ 1 (mod 3), oversized groups. */
export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new DeviceCryptoError("base45 text length is 1 (mod 3)");
  const values = [...text].map((char) => {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new DeviceCryptoError("base45 text holds a character outside the alphabet");
    return value;
  });
  const out: number[] = [];
  for (let i = 0; i < values.length; i += 3) {
    const [c = 0, d = 0, e] = values.slice(i, i + 3);
    if (e === undefined) {
      const n = c + 45 * d;
      if (n > 0xff) throw new DeviceCryptoError("base45 final pair is above 255");
      out.push(n);
    } else {
      const n = c + 45 * d + 45 * 45 * e;
      if (n > 0xffff) throw new DeviceCryptoError("base45 group is above 65535");
      out.push(n >> 8, n & 0xff);
    }
  }
  return Uint8Array.from(out);
}
