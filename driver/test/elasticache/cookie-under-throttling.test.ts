import { randomBytes } from "node:crypto";
import { DescribeReplicationGroupsCommand } from "@aws-sdk/client-elasticache";
import { afterEach, describe, expect, it } from "vitest";
import { FakeElastiCache } from "../support/elasticache-fake.js";
import "../support/elasticache-harness.js";
import { call, inputData, newGuresid, pollWhile202 } from "../support/http.js";
import { startTestDriver, type TestDriver } from "../support/test-driver.js";

const ENV = {
  DRIVER_PROVISIONER: "elasticache",
  AWS_REGION: "eu-central-1",
  ELASTICACHE_SUBNET_GROUP: "cache-subnets",
  ELASTICACHE_SECURITY_GROUP_IDS: "sg-0123456789abcdef0",
  DRIVER_STATUS_CACHE_MS: "0",
  AWS_ACCESS_KEY_ID: "AKIAFAKEFAKEFAKE0003",
  AWS_SECRET_ACCESS_KEY: "fake/secret+access/key/abcdef0123456789",
};

const throttling = () =>
  Object.assign(new Error("Rate exceeded"), {
    name: "ThrottlingException",
    $metadata: { httpStatusCode: 400 },
  });

describe("a throttled first lookup on a replica that has not seen the resource", () => {
  const drivers: TestDriver[] = [];
  let fake: FakeElastiCache | undefined;
  afterEach(async () => {
    await Promise.all(drivers.splice(0).map((driver) => driver.close()));
    fake?.reset();
  });

  it("answers what the driver cookie says was answered last: ready stays ready with the same outputs, in progress stays 202", async () => {
    fake = new FakeElastiCache();
    const env = { ...ENV, DRIVER_SECRET_KEY: randomBytes(32).toString("hex") };
    const [a, b] = await Promise.all([startTestDriver(env), startTestDriver(env)]);
    drivers.push(a, b);
    const id = newGuresid();
    const body = inputData({});

    const creating = await call(`${a.url}${id}`, { method: "PUT", body });
    expect(creating.status).toBe(202);
    const creatingCookie = creating.headers.get("set-humanitec-driver-cookie") ?? "";
    fake.failNext(DescribeReplicationGroupsCommand, throttling());
    const onB = await call(`${b.url}${id}`, {
      method: "PUT",
      body,
      headers: { "humanitec-driver-cookie": creatingCookie },
    });
    expect(onB.status).toBe(202);
    expect(onB.body).toMatchObject({ status: "creating" });

    for (const groupId of fake.groups.keys()) fake.finish(groupId);
    const ready = await pollWhile202(`${a.url}${id}`, { method: "PUT", body });
    expect(ready.last.status).toBe(200);
    const cookie = ready.last.headers.get("set-humanitec-driver-cookie") ?? "";

    const c = await startTestDriver(env);
    drivers.push(c);
    fake.failNext(DescribeReplicationGroupsCommand, throttling());
    const put = await call(`${c.url}${id}`, {
      method: "PUT",
      body,
      headers: { "humanitec-driver-cookie": cookie },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual(ready.last.body);
    fake.failNext(DescribeReplicationGroupsCommand, throttling());
    const get = await call(`${c.url}${id}`, {
      method: "GET",
      headers: { "humanitec-driver-cookie": cookie },
    });
    expect(get.status).toBe(200);
    expect(get.body).toEqual(ready.last.body);

    // Without a cookie nothing is known: the documented 503 RES-119 with Retry-After.
    const d = await startTestDriver(env);
    drivers.push(d);
    fake.failNext(DescribeReplicationGroupsCommand, throttling());
    const unknown = await call(`${d.url}${id}`, { method: "PUT", body });
    expect(unknown.status).toBe(503);
    expect(unknown.body).toMatchObject({ error: "RES-119" });
  });
});
