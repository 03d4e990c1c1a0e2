import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { listManagedInstances } from "../../src/provisioners/local/list-managed-instances.js";
import type { LocalProvisionerOptions } from "../../src/provisioners/local/local-provisioner-options.js";
import type { RuntimeKind } from "../../src/provisioners/local/redis-runtime.js";
import { connectTo, openTestProvisioner, requestFor, waitForStatus } from "./test-provisioner.js";

const nothingRunning = { processes: [], containers: [] };

/** The behaviour every runtime of the local provisioner shares, against real Redis. */
export function localProvisionerSuite(
  runtime: RuntimeKind,
  extra: Partial<LocalProvisionerOptions> = {},
): void {
  const open = (options: Partial<LocalProvisionerOptions> = {}) =>
    openTestProvisioner({ runtime, ...extra, ...options });

  describe(`local provisioner, ${runtime} runtime`, () => {
    test("serves SET/GET over verified TLS, rotates the password in place, and is gone after delete", async () => {
      await using harness = await open();
      const { provisioner } = harness;
      const first = requestFor("tls-cache", { tls: true });
      await provisioner.create(first);
      const { endpoint } = await waitForStatus(provisioner, "tls-cache", "available");
      expect(endpoint).toMatchObject({ host: "127.0.0.1", tls: true, username: "default" });
      expect(endpoint.caCertificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(await provisioner.listManaged()).toEqual([
        { guresid: "tls-cache", runtime, instance: expect.stringMatching(/^(redis-server pid|container) /) },
      ]);

      {
        await using client = await connectTo(endpoint, first.password);
        await client.set("greeting", "hello");
        expect(await client.get("greeting")).toBe("hello");
      }
      await expect(connectTo(endpoint, first.password, { trustCa: false })).rejects.toThrow(/certificate/i);

      const second = requestFor("tls-cache", {
        tls: true,
        auth_generation: 1,
        maxmemory_policy: "allkeys-lru",
      });
      await provisioner.update(second, first.spec);
      const updated = await waitForStatus(provisioner, "tls-cache", "available");
      expect(updated.spec.auth_generation).toBe(1);
      await expect(connectTo(endpoint, first.password)).rejects.toThrow(/WRONGPASS/);
      {
        await using client = await connectTo(updated.endpoint, second.password);
        expect(await client.get("greeting")).toBe("hello");
        expect(await client.configGet("maxmemory-policy")).toEqual({ "maxmemory-policy": "allkeys-lru" });
      }

      await provisioner.delete("tls-cache", {});
      await waitForStatus(provisioner, "tls-cache", "absent");
      await expect(connectTo(endpoint, second.password)).rejects.toThrow();
      expect(await listManagedInstances(harness.stateDir)).toEqual(nothingRunning);
      expect(await provisioner.listManaged()).toEqual([]);
      const logs = harness.logs.join("\n");
      expect(logs).not.toContain(first.password);
      expect(logs).not.toContain(second.password);
    });

    test("serves an ACL user over plain TCP and switches the default user off", async () => {
      await using harness = await open();
      const { provisioner } = harness;
      const request = requestFor("acl-cache", { tls: false, username: "app" });
      await provisioner.create(request);
      const { endpoint } = await waitForStatus(provisioner, "acl-cache", "available");
      expect(endpoint).toMatchObject({ tls: false, username: "app" });
      expect(endpoint.caCertificate).toBeUndefined();
      {
        await using client = await connectTo(endpoint, request.password);
        expect(await client.aclWhoAmI()).toBe("app");
        await client.set("k", "v");
        expect(await client.get("k")).toBe("v");
      }
      await expect(connectTo({ ...endpoint, username: "default" }, request.password)).rejects.toThrow();

      const rotated = requestFor("acl-cache", { tls: false, username: "app", auth_generation: 1 });
      await provisioner.update(rotated, request.spec);
      await waitForStatus(provisioner, "acl-cache", "available");
      await expect(connectTo(endpoint, request.password)).rejects.toThrow(/WRONGPASS/);
      {
        await using client = await connectTo(endpoint, rotated.password);
        expect(await client.get("k")).toBe("v");
      }
    });

    test("a delete during the create delay stops the create before anything runs", async () => {
      await using harness = await open({ createDelayMs: 60_000 });
      const { provisioner } = harness;
      await provisioner.create(requestFor("early-delete", { tls: false }));
      const creating = await provisioner.describe("early-delete", {});
      expect(creating).toMatchObject({ status: "creating", since: expect.any(Date) });
      expect(
        provisioner.capabilities.estimatedSeconds("create", requestFor("x", {}).spec),
      ).toBeGreaterThanOrEqual(60);
      await provisioner.delete("early-delete", {});
      expect((await provisioner.describe("early-delete", {})).status).toBe("deleting");
      await waitForStatus(provisioner, "early-delete", "absent");
      expect(await listManagedInstances(harness.stateDir)).toEqual(nothingRunning);
    });

    test("a delete while the Redis is starting stops it once it has started", async () => {
      await using harness = await open();
      const { provisioner } = harness;
      await provisioner.create(requestFor("starting-delete", { tls: true }));
      await provisioner.delete("starting-delete", {});
      await waitForStatus(provisioner, "starting-delete", "absent");
      expect(await listManagedInstances(harness.stateDir)).toEqual(nothingRunning);
    });

    test("a new provisioner over the same state dir adopts a running resource and can delete it", async () => {
      await using first = await open();
      const request = requestFor("adopted", { tls: true, username: "app" });
      await first.provisioner.create(request);
      const before = await waitForStatus(first.provisioner, "adopted", "available");
      {
        await using client = await connectTo(before.endpoint, request.password);
        await client.set("survives", "restart");
      }
      await first.provisioner.close();

      await using second = await open({ stateDir: first.stateDir });
      const after = await second.provisioner.describe("adopted", {});
      expect(after).toMatchObject({ status: "available", endpoint: before.endpoint });
      {
        await using client = await connectTo(before.endpoint, request.password);
        expect(await client.get("survives")).toBe("restart");
      }
      await second.provisioner.delete("adopted", {});
      await waitForStatus(second.provisioner, "adopted", "absent");
      expect(await listManagedInstances(first.stateDir)).toEqual(nothingRunning);
    });

    test("keeps a final snapshot when deletion_policy is snapshot", async () => {
      await using harness = await open();
      const { provisioner } = harness;
      const request = requestFor("snapshotted", { tls: false, deletion_policy: "snapshot" });
      await provisioner.create(request);
      const { endpoint } = await waitForStatus(provisioner, "snapshotted", "available");
      {
        await using client = await connectTo(endpoint, request.password);
        await client.set("kept", "in the snapshot");
      }
      await provisioner.delete("snapshotted", {});
      await waitForStatus(provisioner, "snapshotted", "absent");
      const snapshotsDir = path.join(harness.stateDir, "snapshots");
      const files = await readdir(snapshotsDir);
      expect(files).toEqual([expect.stringMatching(/^snapshotted-\d{8}T\d{9}Z\.rdb$/)]);
      const file = path.join(snapshotsDir, files[0] ?? "");
      expect((await stat(file)).mode & 0o777, "snapshot file mode").toBe(0o600);
      const rdb = await readFile(file);
      expect(rdb.subarray(0, 5).toString()).toBe("REDIS");
      expect(rdb.includes(Buffer.from("in the snapshot"))).toBe(true);
      expect(await listManagedInstances(harness.stateDir)).toEqual(nothingRunning);
    });
  });
}
