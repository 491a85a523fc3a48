/**
 * Medium One does not document its cookie names ("login cookies"), so every Set-Cookie is kept and sent back.
 * One jar per session; attributes other than removal are ignored (one host, always the same path prefix).
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(setCookieHeaders: readonly string[]): void {
    for (const header of setCookieHeaders) {
      const [pair = "", ...attributes] = header.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const removed =
        value === "" ||
        attributes.some((a) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(a)) ||
        attributes.some((a) => {
          const match = /^\s*expires\s*=(.*)$/i.exec(a);
          return match?.[1] !== undefined && Date.parse(match[1]) < Date.now();
        });
      if (removed) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  clear(): void {
    this.cookies.clear();
  }

  get size(): number {
    return this.cookies.size;
  }
}
