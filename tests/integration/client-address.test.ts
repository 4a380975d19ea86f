import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { THROTTLE } from "../../apps/api/src/auth/sessions.ts";
import { createHttpServer } from "../../apps/api/src/server/http.ts";
import { CSRF_HEADER, createApi } from "../../apps/api/src/server/yoga.ts";
import { createUser } from "../../apps/api/src/users/users.ts";
import { setForwardedFor } from "../../apps/web/forwarded-for.mjs";
import { serveDuringTests } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";

const prisma = testPrisma();
const logger = pino({ level: "silent" });
const SECRET = "the dashboard proxy's secret, long enough";
const server = createHttpServer(createApi({ prisma, logger }), prisma, logger, { proxySecret: SECRET });
const site = serveDuringTests(server, prisma);
// Behind the operator's reverse proxy (HEADCOUNT_TRUST_PROXY=1).
const proxied = serveDuringTests(
  createHttpServer(createApi({ prisma, logger }), prisma, logger, { trustProxy: true }),
  prisma,
);

beforeAll(async () => {
  await createUser(prisma, {
    email: "addressed@example.org",
    role: "viewer",
    password: "a long password here",
  });
});

async function signIn(email: string, headers: Record<string, string>, base = site.base): Promise<string> {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", [CSRF_HEADER]: "1", ...headers },
    body: JSON.stringify({
      query: `mutation ($e: String!) { login(email: $e, password: "not the password") { __typename } }`,
      variables: { e: email },
    }),
  });
  const body = (await response.json()) as { data: { login: { __typename: string } } };
  return body.data.login.__typename;
}

describe("the client address the sign-in throttle sees", () => {
  it("ignores X-Forwarded-For from a local peer that is not the configured proxy", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < THROTTLE.perAccountAddress + 3; i++) {
      outcomes.push(await signIn("addressed@example.org", { "x-forwarded-for": `10.20.${i}.${i}` }));
    }
    expect(outcomes.slice(0, THROTTLE.perAccountAddress).every((o) => o === "InvalidCredentialsError")).toBe(
      true,
    );
    expect(outcomes.slice(THROTTLE.perAccountAddress)).toEqual(Array(3).fill("TooManyAttemptsError"));
    // A wrong secret proves nothing either.
    expect(
      await signIn("addressed@example.org", { "x-forwarded-for": "10.99.0.1", "x-headcount-proxy": "guess" }),
    ).toBe("TooManyAttemptsError");
    const rows = await prisma.loginAttempt.findMany({ where: { email: "addressed@example.org" } });
    expect(new Set(rows.map((row) => row.clientIp))).toEqual(new Set(["127.0.0.1"]));
  });

  it("believes the address the dashboard's proxy forwards with its secret", async () => {
    const outcome = await signIn("addressed@example.org", {
      "x-forwarded-for": "198.51.100.40",
      "x-headcount-proxy": SECRET,
    });
    expect(outcome).toBe("InvalidCredentialsError");
    const row = await prisma.loginAttempt.findFirst({ orderBy: { id: "desc" } });
    expect(row?.clientIp).toBe("198.51.100.40");
  });

  it("takes the hop a trusted proxy added, the last, not one a client wrote before it", async () => {
    // A reverse proxy appends the address it saw to whatever X-Forwarded-For the client sent.
    for (let i = 0; i < 3; i++) {
      await signIn(
        "addressed@example.org",
        { "x-forwarded-for": `10.7.${i}.1, 198.51.100.77` },
        proxied.base,
      );
    }
    await signIn("addressed@example.org", {
      "x-forwarded-for": "10.8.0.1,198.51.100.41",
      "x-headcount-proxy": SECRET,
    });
    const rows = await prisma.loginAttempt.findMany({ orderBy: { id: "desc" }, take: 4 });
    expect(rows.map((row) => row.clientIp)).toEqual([
      "198.51.100.41",
      "198.51.100.77",
      "198.51.100.77",
      "198.51.100.77",
    ]);
  });

  it("the dashboard's server replaces a client's X-Forwarded-For with the socket's address", async () => {
    const seen = async (trustProxy: boolean, sent: string) => {
      const echo = createServer((req, res) => {
        setForwardedFor(req, { trustProxy });
        res.end(JSON.stringify(req.headers));
      });
      await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
      const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/`;
      const headers = (await (
        await fetch(url, { headers: { "x-forwarded-for": sent, "x-forwarded-proto": "https" } })
      ).json()) as Record<string, string>;
      await new Promise((resolve) => echo.close(resolve));
      return headers;
    };
    for (const sent of ["203.0.113.9", "203.0.113.9, 127.0.0.1", "unknown", "", "::1"]) {
      const headers = await seen(false, sent);
      expect(headers["x-forwarded-for"]).toBe("127.0.0.1");
      expect(headers["x-forwarded-proto"]).toBeUndefined();
    }
    // Behind the operator's reverse proxy, that proxy's header is kept.
    expect((await seen(true, "203.0.113.9"))["x-forwarded-for"]).toBe("203.0.113.9");
  });
});
