import { afterEach, describe, expect, it } from "vitest";
import { call, inputData, newGuresid, pollWhile202, type Answer } from "./support/http.js";
import { startTestDriver, type TestDriver } from "./support/test-driver.js";

const ACCOUNT = {
  aws_access_key_id: "AKIAFAKEFAKEFAKE0001",
  aws_secret_access_key: "fake/secret+access/key/0123456789abcdef",
  aws_session_token: "fake-session-token-0123456789",
};
const withAccount = (values: Record<string, unknown> = {}) => ({
  ...inputData(values),
  driver: { values, secrets: { account: ACCOUNT } },
});

/** Every way a credential could be made readable: as is, base64, base64url, hex, URL-encoded. */
const readableForms = (value: string) => [
  value,
  Buffer.from(value).toString("base64"),
  Buffer.from(value).toString("base64url"),
  Buffer.from(value).toString("hex"),
  encodeURIComponent(value),
];

function expectNoCredential(text: string): void {
  for (const value of Object.values(ACCOUNT)) {
    for (const form of readableForms(value)) expect(text).not.toContain(form);
  }
}

/** Every request reaches the provisioner, so each shows which secrets it was given. */
const UNCACHED = { DRIVER_STATUS_CACHE_MS: "0" };

const cookieOf = (answer: Answer) => answer.headers.get("set-humanitec-driver-cookie") ?? "";

describe("the account of a PUT reaches GET and DELETE through the sealed cookie", () => {
  let driver: TestDriver | undefined;
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
  });

  it("passes the account to describe on GET and to delete on DELETE, never readably", async () => {
    driver = await startTestDriver({ DRIVER_PROVISIONER: "fake", FAKE_AUTO_FINISH_MS: "10", ...UNCACHED });
    const url = `${driver.url}${newGuresid()}`;
    const put = { method: "PUT", body: withAccount({ tls: false }) };
    const ready = await pollWhile202(url, put);
    expect(ready.last.status).toBe(200);
    const cookie = cookieOf(ready.last);
    expect(cookie).toMatch(/^c1\./);
    expect(cookie.length).toBeLessThan(10 * 1024);

    const got = await call(url, { method: "GET", headers: { "humanitec-driver-cookie": cookie } });
    expect(got.status).toBe(200);
    expect(driver.fake.lastDescribeSecrets).toEqual({ account: ACCOUNT });

    const deleted = await pollWhile202(url, {
      method: "DELETE",
      headers: { "humanitec-driver-cookie": cookie },
    });
    expect(deleted.last.status).toBe(204);
    expect(driver.fake.calls.filter((entry) => entry.step === "delete")).toEqual([
      expect.objectContaining({ secrets: { account: ACCOUNT } }),
    ]);

    for (const answer of [...ready.answers, got, ...deleted.answers]) {
      expectNoCredential(cookieOf(answer));
      expectNoCredential(answer.text);
      expectNoCredential(JSON.stringify([...answer.headers]));
    }
    expectNoCredential(driver.logs.text());
  });

  it("answers the same with a forged, a foreign or no cookie when ambient credentials suffice", async () => {
    driver = await startTestDriver({ DRIVER_PROVISIONER: "fake", FAKE_AUTO_FINISH_MS: "10", ...UNCACHED });
    const id = newGuresid();
    const ready = await pollWhile202(`${driver.url}${id}`, { method: "PUT", body: withAccount() });
    const other = await pollWhile202(`${driver.url}${newGuresid()}`, { method: "PUT", body: withAccount() });
    const honest = await call(`${driver.url}${id}`, {
      method: "GET",
      headers: { "humanitec-driver-cookie": cookieOf(ready.last) },
    });
    for (const cookie of ["c1.Zm9yZ2VkLWNvb2tpZS1ieS1zb21lb25l", cookieOf(other.last), undefined]) {
      const answer = await call(`${driver.url}${id}`, {
        method: "GET",
        headers: cookie === undefined ? {} : { "humanitec-driver-cookie": cookie },
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(honest.body);
      expect(driver.fake.lastDescribeSecrets).toEqual({});
    }
    expect(driver.logs.text()).toMatch(/ignoring driver cookie/);
  });

  it("without ambient credentials, a GET or DELETE with no cookie gets a 400 that names the fix", async () => {
    driver = await startTestDriver({
      DRIVER_PROVISIONER: "fake",
      FAKE_AUTO_FINISH_MS: "10",
      FAKE_REQUIRE_ACCOUNT: "true",
      ...UNCACHED,
    });
    const url = `${driver.url}${newGuresid()}`;
    const ready = await pollWhile202(url, { method: "PUT", body: withAccount() });
    expect(ready.last.status).toBe(200);
    for (const method of ["GET", "DELETE"]) {
      const answer = await call(url, { method });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        error: "RES-117",
        message: expect.stringMatching(/no credentials.*Fix: .*driver cookie.*PUT the resource again/),
      });
    }
    const deleted = await pollWhile202(url, {
      method: "DELETE",
      headers: { "humanitec-driver-cookie": cookieOf(ready.last) },
    });
    expect(deleted.last.status).toBe(204);
  });
});
