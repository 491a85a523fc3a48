import { describe, expect, it } from "vitest";
import { MediumOneClient } from "@/lib/medium-one/client";
import { BadResponse, NotPermittedForAccount, OutcomeUnknown, Unavailable } from "@/lib/medium-one/errors";
import { Transport, type FetchLike } from "@/lib/medium-one/transport";

const request = { operation: "probe", method: "GET" as const, path: "users" };

function failingWith(cause: unknown): FetchLike {
  return () => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause }));
}

describe("Transport", () => {
  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"])(
    "calls %s Unavailable (nothing was sent)",
    async (code) => {
      const transport = new Transport({
        baseUrl: "http://m1/v2/",
        fetch: failingWith({ code }),
        timeoutMs: 100,
      });
      await expect(transport.send(request)).rejects.toBeInstanceOf(Unavailable);
    },
  );

  it("looks into AggregateErrors (several addresses tried)", async () => {
    const cause = new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })]);
    const transport = new Transport({ baseUrl: "http://m1/v2/", fetch: failingWith(cause), timeoutMs: 100 });
    await expect(transport.send(request)).rejects.toBeInstanceOf(Unavailable);
  });

  it.each(["ECONNRESET", "UND_ERR_SOCKET", undefined])("calls %s an unknown outcome", async (code) => {
    const transport = new Transport({
      baseUrl: "http://m1/v2/",
      fetch: failingWith({ code }),
      timeoutMs: 100,
    });
    await expect(transport.send(request)).rejects.toBeInstanceOf(OutcomeUnknown);
  });

  it("times out a call that never answers, as an unknown outcome", async () => {
    const never: FetchLike = (_url, init) =>
      new Promise((_, reject) => init.signal?.addEventListener("abort", () => reject(new Error("aborted"))));
    const transport = new Transport({ baseUrl: "http://m1/v2", fetch: never, timeoutMs: 10 });
    const error = await transport.send(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknown);
    expect(String(error)).toContain("no answer within 10 ms");
  });

  it("joins the base and path, encodes the query, and sends JSON", async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const transport = new Transport({
      baseUrl: "http://m1/v2",
      fetch: (url, init) => {
        seen = { url, init };
        return Promise.resolve(new Response("ok"));
      },
      timeoutMs: 100,
    });
    await transport.send({
      ...request,
      path: "users/a%40b",
      query: { token: "t k", skip: undefined },
      json: { x: 1 },
    });
    expect(seen?.url).toBe("http://m1/v2/users/a%40b?token=t+k");
    expect(seen?.init.body).toBe('{"x":1}');
  });
});

describe("session against odd answers", () => {
  function client(answers: Record<string, () => Response>, calls: string[] = []) {
    return new MediumOneClient({
      baseUrl: "http://m1/v2/",
      apiKey: "KEY-never-shown",
      timeoutMs: 100,
      account: { kind: "business", loginId: "biz", password: "Pw-never-shown-1" },
      fetch: (url, init) => {
        const key = `${init.method} ${new URL(url).pathname}`;
        calls.push(key);
        const answer = answers[key];
        return Promise.resolve(answer ? answer() : new Response("", { status: 500 }));
      },
    });
  }
  const loginOk = () => new Response("true", { headers: { "Set-Cookie": "s=1" } });

  it("BadResponse when the body does not match the schema", async () => {
    const c = client({
      "POST /v2/login": loginOk,
      "GET /v2/users/x": () => new Response('{"who":"x"}'),
      "GET /v2/users": () => new Response("<html>"),
    });
    await expect(c.account.getUser("x")).rejects.toBeInstanceOf(BadResponse);
    await expect(c.account.listUsers()).rejects.toBeInstanceOf(BadResponse);
  });

  it("BadResponse when a cookie-mode login sets no cookie, or a token login has no token", async () => {
    await expect(
      client({ "POST /v2/login": () => new Response("true") }).account.login(),
    ).rejects.toBeInstanceOf(BadResponse);
    const tokenless = new MediumOneClient({
      baseUrl: "http://m1/v2/",
      apiKey: "k",
      timeoutMs: 100,
      sessionMode: "token",
      account: { kind: "business", loginId: "biz", password: "p" },
      fetch: () => Promise.resolve(new Response("true")),
    });
    await expect(tokenless.account.login()).rejects.toBeInstanceOf(BadResponse);
  });

  it("refuses operations outside the session's kind with no request at all", async () => {
    const calls: string[] = [];
    const device = client({}, calls).asUser("dev", "pw");
    await expect(device.listUsers()).rejects.toBeInstanceOf(NotPermittedForAccount);
    await expect(device.deleteUser("x")).rejects.toBeInstanceOf(NotPermittedForAccount);
    expect(calls).toEqual([]);
  });
});
