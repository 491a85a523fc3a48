import { systemClock, type Clock } from "@/lib/security/clock";
import { MediumOneSession, type SessionMode } from "./session";
import { Transport, type FetchLike } from "./transport";

export interface MediumOneClientOptions {
  /** REST base ending in `/v2/`, e.g. `https://api.mediumone.com/v2/`. */
  baseUrl: string;
  /** The server's API key (never the one put on devices). */
  apiKey: string;
  timeoutMs: number;
  /** The configured service account: a business or a registration-only user. */
  account: { kind: "business" | "registration"; loginId: string; password: string };
  fetch?: FetchLike;
  clock?: Clock;
  /** Cookie jar (default) or `no_cookies` with `?token=` on every request. */
  sessionMode?: SessionMode;
}

/**
 * The Medium One REST client. Knows nothing of Onboard's database or flows; holds sessions in memory only.
 * `account` is the configured service session; `asUser` opens a session as one device user with its own password.
 */
export class MediumOneClient {
  readonly account: MediumOneSession;
  private readonly context;

  constructor(options: MediumOneClientOptions) {
    this.context = {
      transport: new Transport({
        baseUrl: options.baseUrl,
        fetch: options.fetch ?? ((input, init) => fetch(input, init)),
        timeoutMs: options.timeoutMs,
      }),
      apiKey: options.apiKey,
      clock: options.clock ?? systemClock,
      mode: options.sessionMode ?? "cookies",
    };
    this.account = new MediumOneSession(
      this.context,
      options.account.kind,
      options.account.loginId,
      options.account.password,
    );
  }

  /** A session as the device user itself: reads itself (its MQTT ID), changes its password, sends its events. */
  asUser(loginId: string, password: string): MediumOneSession {
    return new MediumOneSession(this.context, "device-user", loginId, password);
  }
}
