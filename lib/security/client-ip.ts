import "server-only";
import { createHmac } from "node:crypto";
import { isIP } from "node:net";

/**
 * Who is calling, for rate limits and records. `peer` is the TCP peer, which server.mjs records for every request
 * (x-onboard-peer); X-Forwarded-For entries are believed only hop by hop, while the hop that added them is one of
 * our configured proxies, because anyone can send a forged X-Forwarded-For. Without a recorded peer (`next dev`),
 * the rightmost X-Forwarded-For entry stands in for it: Next sets it to the peer when the client sent none.
 */
export function clientAddress(
  peer: string | null,
  forwardedFor: string | null,
  trustedProxies: readonly string[],
): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((h) => normaliseAddress(h.trim()))
    .filter((h): h is string => h !== null);
  const trusted = new Set(trustedProxies.map((p) => normaliseAddress(p)).filter(Boolean));
  let client = (peer ? normaliseAddress(peer) : hops.pop()) ?? "unknown";
  while (trusted.has(client) && hops.length > 0) client = hops.pop()!;
  return client;
}

/** Strips ports, brackets and IPv4-mapped prefixes; null when the text is not an IP address. */
export function normaliseAddress(text: string): string | null {
  let t = text;
  if (t.startsWith("[")) t = t.slice(1, t.indexOf("]") === -1 ? undefined : t.indexOf("]"));
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(t)) t = t.slice(0, t.lastIndexOf(":"));
  t = t.toLowerCase();
  if (t.startsWith("::ffff:") && isIP(t.slice(7)) === 4) t = t.slice(7);
  return isIP(t) ? t : null;
}

function expandIpv6(address: string): number[] {
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const parse = (part: string | undefined) => (part ? part.split(":").filter(Boolean) : []);
  let left = parse(head);
  let right = parse(tail);
  // An embedded IPv4 tail (a:b::1.2.3.4) counts as two groups.
  const v4 = (groups: string[]) =>
    groups.flatMap((g) => {
      if (!g.includes(".")) return [g];
      const [a, b, c, d] = g.split(".").map(Number) as [number, number, number, number];
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  left = v4(left);
  right = v4(right);
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill("0"), ...right].map((g) => parseInt(g, 16));
}

/**
 * The unit we limit and record: an IPv4 address, or an IPv6 /64 (one customer's network, which hands each device
 * many addresses).
 */
export function clientGroup(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address).slice(0, 4);
  return `${groups.map((g) => g.toString(16)).join(":")}::/64`;
}

/** A keyed hash of the client's group: what we store and count by, never the raw address. */
export function clientKey(address: string, ipHashKey: string): string {
  return createHmac("sha256", ipHashKey).update(clientGroup(address)).digest("hex").slice(0, 32);
}
