/**
 * The security headers of every response. Pure functions (no Next.js imports), so they are unit-tested; proxy.ts
 * applies them with a fresh nonce per request.
 */

export interface HeaderOptions {
  nonce: string;
  /** Deployed behind HTTPS: adds HSTS and upgrades mixed content. Embedded mode may be plain HTTP on a LAN. */
  https: boolean;
  /** `next dev` needs eval for its fast refresh. */
  development: boolean;
}

export function contentSecurityPolicy({ nonce, https, development }: HeaderOptions): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets Next's nonce-bearing bootstrap load its chunks; nothing else runs.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Style attributes (React's style props, Next's route announcer) need 'unsafe-inline'; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // The pairing QR is drawn as a data: or blob: image in the browser.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function securityHeaders(options: HeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    // The pairing page keeps the screen awake; nothing needs the camera, microphone or location.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), screen-wake-lock=(self)",
    ...(options.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** 128 random bits, base64: unpredictable and fresh for every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
