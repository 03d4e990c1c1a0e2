import {
  CreateReplicationGroupCommand,
  DeleteReplicationGroupCommand,
  DescribeReplicationGroupsCommand,
} from "@aws-sdk/client-elasticache";
import { afterEach, describe, expect, it } from "vitest";
import { FakeElastiCache } from "../support/elasticache-fake.js";
import "../support/elasticache-harness.js";
import { call, inputData, newGuresid, pollWhile202 } from "../support/http.js";
import { startTestDriver, type TestDriver } from "../support/test-driver.js";

const ACCOUNT = {
  aws_access_key_id: "AKIAFAKEFAKEFAKE0002",
  aws_secret_access_key: "fake/secret+access/key/abcdef0123456789",
};
const ENV = {
  DRIVER_PROVISIONER: "elasticache",
  AWS_REGION: "eu-central-1",
  ELASTICACHE_SUBNET_GROUP: "cache-subnets",
  ELASTICACHE_SECURITY_GROUP_IDS: "sg-0123456789abcdef0",
  DRIVER_STATUS_CACHE_MS: "0",
};

describe("DRIVER_PROVISIONER=elasticache over HTTP", () => {
  let driver: TestDriver | undefined;
  let fake: FakeElastiCache | undefined;
  afterEach(async () => {
    await driver?.close();
    fake?.reset();
  });

  it("acts for the PUT's account on GET and DELETE through the sealed cookie; a forged or absent cookie uses the driver's own credentials", async () => {
    fake = new FakeElastiCache({ autoFinishMs: 30 });
    driver = await startTestDriver(ENV);
    const id = newGuresid();
    const url = `${driver.url}${id}`;
    const body = { ...inputData({}), driver: { values: {}, secrets: { account: ACCOUNT } } };
    const created = await pollWhile202(url, { method: "PUT", body });
    expect(created.last.status).toBe(200);
    const cookie = created.last.headers.get("set-humanitec-driver-cookie") ?? "";
    const accountClient = fake.clients.find((c) => c.command === CreateReplicationGroupCommand.name)?.client;
    expect(accountClient).toBeDefined();

    const describedBy = async (headers: Record<string, string>) => {
      const before = fake?.clients.length ?? 0;
      const answer = await call(url, { method: "GET", headers });
      const calls = (fake?.clients ?? [])
        .slice(before)
        .filter((c) => c.command === DescribeReplicationGroupsCommand.name);
      return { answer, client: calls[0]?.client };
    };
    const withCookie = await describedBy({ "humanitec-driver-cookie": cookie });
    expect(withCookie.answer.status).toBe(200);
    expect(withCookie.client).toBe(accountClient);

    const forged = await describedBy({ "humanitec-driver-cookie": `${cookie.slice(0, -4)}AAAA` });
    const absent = await describedBy({});
    expect(forged.answer.status).toBe(200);
    expect(forged.answer.body).toEqual(withCookie.answer.body);
    expect(forged.client).not.toBe(accountClient);
    expect(absent.client).toBe(forged.client);

    const deleted = await pollWhile202(url, {
      method: "DELETE",
      headers: { "humanitec-driver-cookie": cookie },
    });
    expect(deleted.last.status).toBe(204);
    const deleteCall = fake.clients.find((c) => c.command === DeleteReplicationGroupCommand.name);
    expect(deleteCall?.client).toBe(accountClient);
    for (const value of Object.values(ACCOUNT)) {
      expect(cookie).not.toContain(value);
      expect(driver.logs.text()).not.toContain(value);
    }
  });
});
