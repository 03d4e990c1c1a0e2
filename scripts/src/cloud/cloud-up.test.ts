import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FAKE_PASSWORD, startFakeDriver } from "../../test/support/fake-driver.js";
import { FakeCluster, FakeImages, fakeCloudDeps } from "../../test/support/fake-cloud-deps.js";
import { startFakeHumanitec } from "../../test/support/fake-humanitec.js";
import {
  FAKE_DRIVER_TOKEN,
  FAKE_KUBECONFIG,
  FAKE_PATH_SECRET,
  FakeStackRunner,
} from "../../test/support/fake-stack-runner.js";
import { startLoopbackServer, type LoopbackServer } from "../../test/support/loopback-server.js";
import type { PreflightDeps } from "../preflight/cloud-preflight.js";
import type { CloudSettings } from "./cloud-context.js";
import { cloudUp } from "./cloud-up.js";
import type { EndpointProblem, PublicEndpoint } from "./public-endpoint-check.js";

const sts = mockClient(STSClient);
const PREFLIGHT: PreflightDeps = {
  probe: (command) => Promise.resolve({ found: true, ok: true, output: `${command} ok` }),
  sts: (region) => new STSClient({ region }),
};
const SETTINGS: CloudSettings = {
  stack: "test",
  namespace: "kit",
  certificateArn: undefined,
  driverHostname: undefined,
  platform: "linux/amd64",
  cacheTimeoutMs: 5_000,
  readyTimeoutMs: 2_000,
  pollIntervalMs: 5,
  driverId: "elasticache-driver-kit",
  definitionId: "elasticache-redis",
  envType: "development",
};

let repoRoot: string;
let driver: LoopbackServer;
let app: LoopbackServer;
beforeEach(async () => {
  sts.reset();
  sts
    .on(GetCallerIdentityCommand)
    .resolves({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/dev" });
  repoRoot = await mkdtemp(path.join(tmpdir(), "kit-up-test-"));
  app = await startLoopbackServer((request) =>
    request.path === "/readyz" ? { status: 200, body: { status: "ready" } } : { status: 404 },
  );
});
afterEach(async () => {
  await driver?.close();
  await app.close();
  await rm(repoRoot, { recursive: true, force: true });
});

function world(options: { pathSecret?: boolean; endpointProblem?: EndpointProblem } = {}) {
  const runner = new FakeStackRunner(options);
  const images = new FakeImages();
  const cluster = new FakeCluster({ "elasticache-driver": driver.url, "sample-app": app.url });
  const e2e = { runs: [] as Record<string, string>[], code: 0 };
  const endpoint = {
    checks: [] as PublicEndpoint[],
    ...(options.endpointProblem ? { problem: options.endpointProblem } : {}),
  };
  return {
    runner,
    images,
    cluster,
    e2e,
    endpoint,
    deps: fakeCloudDeps({ runner, images, cluster, e2e, repoRoot, endpoint }),
  };
}

async function run(
  parts: ReturnType<typeof world>,
  options: { env?: NodeJS.ProcessEnv; settings?: Partial<CloudSettings>; signal?: AbortSignal } = {},
) {
  const lines: string[] = [];
  const result = cloudUp(
    { ...SETTINGS, ...options.settings },
    {
      region: "us-east-1",
      fresh: false,
      env: options.env ?? {},
      write: (line) => lines.push(line),
      heartbeatMs: 0,
      ...(options.signal ? { signal: options.signal } : {}),
    },
    PREFLIGHT,
    () => parts.deps,
  );
  return { lines, result };
}

const stateFile = () => path.join(repoRoot, ".kit-state", "up-cloud-test.json");
const recordedSteps = async () =>
  Object.keys((JSON.parse(await readFile(stateFile(), "utf8")) as { steps: object }).steps);

describe("up --cloud", () => {
  it("builds the images for the nodes' platform the stack reports, unless --platform says otherwise", async () => {
    driver = await startFakeDriver({ token: FAKE_DRIVER_TOKEN });
    const parts = world();
    parts.runner.seed({ "elasticache-driver-kit:nodeInstanceType": { value: "t4g.small" } });
    const { result } = await run(parts, { settings: { platform: undefined } });
    expect(await result).toBe(0);
    expect(parts.images.builds.map((b) => b.platform)).toEqual(["linux/arm64", "linux/arm64"]);
  });

  it("registers with Humanitec only once the certificate is issued and the name points at the load balancer", async () => {
    driver = await startFakeDriver({ token: FAKE_DRIVER_TOKEN });
    await using humanitec = await startFakeHumanitec({ org: "my-org", token: "hum-token" });
    const parts = world({
      pathSecret: true,
      endpointProblem: {
        problem:
          "the certificate arn:aws:acm:us-east-1:123456789012:certificate/abc is PENDING_VALIDATION, not ISSUED",
        fix: "complete its validation (the CNAME record ACM asks for) and run up again",
      },
    });
    const { lines, result } = await run(parts, {
      env: { HUMANITEC_TOKEN: "hum-token", HUMANITEC_ORG: "my-org", HUMANITEC_API_URL: humanitec.url },
      settings: {
        certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        driverHostname: "cache.example.com",
      },
    });
    await expect(result).rejects.toThrow(
      "The driver's public address: the certificate arn:aws:acm:us-east-1:123456789012:certificate/abc is PENDING_VALIDATION, not ISSUED. Fix: complete its validation",
    );
    expect(parts.endpoint.checks).toEqual([
      {
        hostname: "cache.example.com",
        certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        loadBalancerHostname: expect.any(String),
      },
    ]);
    expect(humanitec.requests.filter((r) => r.method === "POST")).toEqual([]);
    expect(lines.join("\n")).toContain("certificate issued, name resolving to the load balancer?");
  });

  it("brings the stack, images, driver, registration, cache and sample app up in order, then runs the e2e suite; the record holds no secret", async () => {
    driver = await startFakeDriver({ token: FAKE_DRIVER_TOKEN });
    await using humanitec = await startFakeHumanitec({ org: "my-org", token: "hum-token" });
    const parts = world({ pathSecret: true });
    const { lines, result } = await run(parts, {
      env: { HUMANITEC_TOKEN: "hum-token", HUMANITEC_ORG: "my-org", HUMANITEC_API_URL: humanitec.url },
      settings: {
        certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        driverHostname: "cache.example.com",
      },
    });

    expect(await result).toBe(0);
    const [first, second, third] = parts.runner.ups;
    expect(first).toEqual({
      "aws:region": { value: "us-east-1" },
      "elasticache-driver-kit:namespace": { value: "kit" },
      "elasticache-driver-kit:forceDeleteRepositories": { value: "true" },
      "elasticache-driver-kit:certificateArn": {
        value: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
      },
      "elasticache-driver-kit:driverHostname": { value: "cache.example.com" },
    });
    expect(second).toMatchObject({ "elasticache-driver-kit:imageTag": { value: "git-0123456789ab" } });
    expect(third).toMatchObject({
      "elasticache-driver-kit:sampleAppRedisHost": { value: "master.fake.cache.amazonaws.com" },
      "elasticache-driver-kit:sampleAppRedisPort": { value: "6379" },
      "elasticache-driver-kit:sampleAppRedisTls": { value: "true" },
      "elasticache-driver-kit:sampleAppRedisUsername": { value: "app" },
      "elasticache-driver-kit:sampleAppRedisPassword": { value: FAKE_PASSWORD, secret: true },
    });
    expect(parts.runner.ups).toHaveLength(3);
    expect(parts.images.builds.map((b) => [b.dockerfile, b.context, b.platform])).toEqual([
      [path.join(repoRoot, "driver/Dockerfile"), repoRoot, "linux/amd64"],
      [path.join(repoRoot, "sample-app/Dockerfile"), repoRoot, "linux/amd64"],
    ]);
    expect(parts.images.logins).toEqual(["AWS@123456789012.dkr.ecr.us-east-1.amazonaws.com"]);

    const [driverPost, defPost] = humanitec.requests.filter((r) => r.method === "POST");
    expect(driverPost?.body).toMatchObject({
      id: "elasticache-driver-kit",
      type: "redis",
      target: `https://cache.example.com/${FAKE_PATH_SECRET}/`,
    });
    expect(defPost?.body).toMatchObject({ type: "redis", driver_type: "my-org/elasticache-driver-kit" });

    const puts = driver.requests.filter((r) => r.method === "PUT");
    expect(puts.map((r) => r.headers.authorization)).toEqual(Array(3).fill(`Bearer ${FAKE_DRIVER_TOKEN}`));
    expect(parts.e2e.runs).toEqual([
      {
        E2E_DRIVER_URL: `${driver.url}/`,
        E2E_DRIVER_TOKEN: FAKE_DRIVER_TOKEN,
        E2E_SAMPLE_APP_URL: app.url,
        E2E_TIMEOUT_S: "5",
        E2E_POLL_INTERVAL_S: "1",
      },
    ]);
    expect(parts.cluster.forwards).toContain("kit/elasticache-driver:8080");
    expect(parts.cluster.closed).toBe(1);

    expect(await recordedSteps()).toEqual(["stack", "images", "workloads", "cache", "sample-app"]);
    const record = await readFile(stateFile(), "utf8");
    for (const secret of [
      FAKE_PASSWORD,
      FAKE_DRIVER_TOKEN,
      FAKE_KUBECONFIG,
      FAKE_PATH_SECRET,
      "hum-token",
      "ecr-password",
    ]) {
      expect(record).not.toContain(secret);
      expect(lines.join("\n")).not.toContain(secret);
    }
    expect(lines.filter((line) => line.includes("] ✓ "))).toHaveLength(7);
    expect(lines.some((line) => /✓ Infrastructure.*\(\d+ ms\)/.test(line))).toBe(true);
    expect(lines).toContainEqual(expect.stringContaining("· PUT → 202 creating"));
  });

  it("resumes after a failure midway: steps done and still in place are skipped, the rest runs, and a third run only checks", async () => {
    driver = await startFakeDriver();
    const parts = world();
    parts.images.failPushOf = "sample-app";
    const failed = await run(parts);
    await expect(failed.result).rejects.toThrow("denied: requested access");
    expect(failed.lines).toContainEqual(
      expect.stringContaining("Stopped; the steps done so far are recorded"),
    );
    expect(await recordedSteps()).toEqual(["stack"]);
    expect(parts.runner.ups).toHaveLength(1);

    parts.images.failPushOf = undefined;
    const resumed = await run(parts);
    expect(await resumed.result).toBe(0);
    expect(resumed.lines).toContainEqual(expect.stringContaining("resuming (1 steps recorded"));
    expect(resumed.lines).toContainEqual(
      expect.stringMatching(/↷ Infrastructure.*done .* ago and still in place/),
    );
    expect(parts.runner.ups).toHaveLength(3);
    expect(await recordedSteps()).toEqual(["stack", "images", "workloads", "cache", "sample-app"]);

    const builds = parts.images.builds.length;
    const again = await run(parts);
    expect(await again.result).toBe(0);
    expect(parts.runner.ups).toHaveLength(3);
    expect(parts.images.builds).toHaveLength(builds);
    expect(again.lines.filter((line) => line.includes("↷ "))).toHaveLength(6);
    expect(parts.e2e.runs).toHaveLength(2);
  });

  it("does a recorded step again when its work is gone, and only that step", async () => {
    driver = await startFakeDriver();
    const parts = world();
    expect(await (await run(parts)).result).toBe(0);
    parts.images.pushed.clear();

    const again = await run(parts);
    expect(await again.result).toBe(0);
    expect(again.lines).toContainEqual(expect.stringContaining("no longer in place: doing it again"));
    expect(parts.images.builds).toHaveLength(4);
    expect(parts.runner.ups).toHaveLength(3);
  });

  it("stops when the driver refuses the cache, with the driver's answer, and keeps what was done", async () => {
    driver = await startFakeDriver({ putStatus: 400 });
    const parts = world();
    const { result } = await run(parts);
    await expect(result).rejects.toThrow(/PUT [0-9a-f]{40} answered 400: .*RES-101/);
    expect(await recordedSteps()).toEqual(["stack", "images", "workloads"]);
  });

  it("answers an interruption with 130 and keeps the record for the next run", async () => {
    const controller = new AbortController();
    driver = await startFakeDriver({
      createPolls: 100,
      onRequest: (method) => {
        if (method === "PUT") controller.abort(new Error("interrupted by SIGINT"));
      },
    });
    const parts = world();
    const { lines, result } = await run(parts, { signal: controller.signal });
    expect(await result).toBe(130);
    expect(lines).toContainEqual(expect.stringContaining("Interrupted; the steps done so far are recorded"));
    expect(await recordedSteps()).toEqual(["stack", "images", "workloads"]);
    expect(parts.cluster.closed).toBe(1);
  });

  it("skips registration without a Humanitec token, and without a secret target path, saying why", async () => {
    driver = await startFakeDriver();
    const withoutToken = await run(world());
    expect(await withoutToken.result).toBe(0);
    expect(withoutToken.lines).toContainEqual(
      expect.stringContaining(
        "↷ Humanitec: driver definition and redis resource definition: no HUMANITEC_TOKEN",
      ),
    );

    await using humanitec = await startFakeHumanitec({ org: "my-org", token: "t" });
    await rm(stateFile());
    const withoutSecret = await run(world(), {
      env: { HUMANITEC_TOKEN: "t", HUMANITEC_ORG: "my-org", HUMANITEC_API_URL: humanitec.url },
      settings: {
        certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        driverHostname: "cache.example.com",
      },
    });
    expect(await withoutSecret.result).toBe(0);
    expect(withoutSecret.lines).toContainEqual(
      expect.stringContaining("no secret target path (output driverAuthPathSecret)"),
    );
    expect(humanitec.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("refuses a record of another account or region, naming both and the fix", async () => {
    driver = await startFakeDriver();
    await mkdir(path.dirname(stateFile()), { recursive: true });
    await writeFile(
      stateFile(),
      JSON.stringify({ version: 1, stack: "test", region: "eu-west-1", account: "123456789012", steps: {} }),
    );
    const parts = world();
    await expect((await run(parts)).result).rejects.toThrow(
      /account 123456789012, eu-west-1, but .* us-east-1.*Fix: run with --region eu-west-1/,
    );
    expect(parts.runner.ups).toEqual([]);
  });
});
