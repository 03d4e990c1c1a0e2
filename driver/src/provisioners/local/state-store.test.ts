import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { defaultDriverInputs } from "../../inputs/driver-inputs.js";
import { resourceKey, StateStore, type ResourceRecord } from "./state-store.js";

let stateDir: string;
beforeEach(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), "state-store-"));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

const record = (id: string): ResourceRecord => ({
  id,
  runtime: "process",
  status: "available",
  spec: { ...defaultDriverInputs(), username: "app" },
  createdAt: "2025-01-02T03:04:05.000Z",
  admin: { username: "_local-admin", password: "admin-secret" },
  instance: { ref: { kind: "process", pid: 1234, confPath: "/x/redis.conf" }, host: "127.0.0.1", port: 6400 },
});

describe("StateStore", () => {
  test("reads back what it wrote, lists it, and forgets it", async () => {
    const store = new StateStore(stateDir);
    await store.init();
    await store.write(record("res-1"));
    await store.write({ ...record("res-2"), status: "deleting" });
    expect(await store.read("res-1")).toEqual(record("res-1"));
    expect((await store.list()).records.map((r) => [r.id, r.status])).toEqual([
      ["res-1", "available"],
      ["res-2", "deleting"],
    ]);
    await store.remove("res-1");
    expect(await store.read("res-1")).toBeUndefined();
    expect((await store.list()).records).toHaveLength(1);
  });

  test("keeps records private and leaves no temporary files", async () => {
    const store = new StateStore(stateDir);
    await store.init();
    await store.write(record("res-1"));
    await store.write({ ...record("res-1"), status: "deleting" });
    expect(await readdir(store.recordsDir)).toEqual(["res-1.json"]);
    expect((await stat(path.join(store.recordsDir, "res-1.json"))).mode & 0o777).toBe(0o600);
  });

  test("reports unreadable records instead of failing", async () => {
    const store = new StateStore(stateDir);
    await store.init();
    await writeFile(path.join(store.recordsDir, "broken.json"), "{not json");
    await store.write(record("res-1"));
    const { records, unreadable } = await store.list();
    expect(records.map((r) => r.id)).toEqual(["res-1"]);
    expect(unreadable).toEqual([path.join(store.recordsDir, "broken.json")]);
  });

  test("names files after tame ids and after a hash of anything else", () => {
    expect(resourceKey("modules.app.externals.cache")).toBe("modules.app.externals.cache");
    expect(resourceKey("../etc/passwd")).toMatch(/^h-[0-9a-f]{40}$/);
    expect(resourceKey("a/b")).not.toBe(resourceKey("a_b"));
  });
});
