import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fakeBin, runKit } from "./run-kit.js";

const isRoot = process.getuid?.() === 0;
/** The kit installs redis-server with apt-get only as root. */
const asRoot = isRoot ? "" : " (skipped: not root: the kit runs apt-get only as root)";
const LOCK_MESSAGE =
  "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)";

/** An apt-get whose `install` finds the lock held `busy` times, then "installs" a redis-server. */
const aptGet = (counter: string, busy: number, binDir: string) => `
if [ "$1" = "install" ]; then
  tries=$(( $(/bin/cat ${counter} 2>/dev/null || echo 0) + 1 ))
  echo $tries > ${counter}
  if [ $tries -le ${busy} ]; then echo "${LOCK_MESSAGE}" >&2; exit 100; fi
  printf '#!/bin/sh\\necho "Redis server v=7.0.15"\\n' > ${binDir}/redis-server
  /bin/chmod 755 ${binDir}/redis-server
fi
exit 0`;

describe("the quick-start entry (scripts/kit.mjs)", () => {
  it("answers --help with its commands", async () => {
    await using bin = await fakeBin();
    const { code, stdout } = await runKit(bin, ["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Usage: node scripts\/kit\.mjs <up\|down\|janitor\|register\|lifecycle\|test\|setup>/,
    );
    expect(stdout).toMatch(/^ {2}setup +only install/m);
  });

  it("refuses an unknown command with its usage and exit code 2", async () => {
    await using bin = await fakeBin();
    const { code, stderr } = await runKit(bin, ["lifecycel"]);
    expect(code).toBe(2);
    expect(stderr).toContain("kit: unknown arguments: lifecycel");
    expect(stderr).toContain("Usage:");
  });

  it.skipIf(!isRoot)(
    `waits for a dpkg lock another package manager holds, with a message, then installs redis-server${asRoot}`,
    async () => {
      await using bin = await fakeBin();
      await bin.add("apt-get", aptGet(`${bin.dir}/apt-tries`, 2, bin.dir));
      const { code, stdout, stderr } = await runKit(bin, ["setup"], { KIT_APT_LOCK_WAIT_SECONDS: "60" });
      expect(stderr).toBe("");
      expect(stdout).toContain("kit: no Redis runtime found; installing redis-server with apt-get...");
      expect(stdout).toContain("kit: another package manager holds the dpkg lock");
      expect(stdout).toMatch(/kit: redis-server installed in \d+ s/);
      expect(code).toBe(0);
    },
  );

  it.skipIf(!isRoot)(`says what to run when the lock is still held after the wait${asRoot}`, async () => {
    await using bin = await fakeBin();
    await bin.add("apt-get", aptGet(`${bin.dir}/apt-tries`, 1_000, bin.dir));
    const { code, stderr } = await runKit(bin, ["setup"], { KIT_APT_LOCK_WAIT_SECONDS: "1" });
    expect(code).toBe(1);
    expect(stderr).toContain("the dpkg lock was still held after 1 s");
    expect(stderr).toContain(LOCK_MESSAGE);
    expect(stderr).toContain("sudo apt-get update && sudo apt-get install -y redis-server");
  });

  it("says when each step of npm test starts and ends, and keeps saying so during a silent one", async () => {
    await using bin = await fakeBin();
    await bin.add("redis-server", 'echo "Redis server v=7.0.15"');
    // A pnpm whose typecheck takes 2.5 s and prints nothing, like tsc -b on a fresh checkout.
    await bin.add(
      "pnpm",
      'if [ "$1" = "typecheck" ]; then /bin/sleep 2.5; fi\nif [ "$1" = "vitest" ]; then echo "Tests  3 passed (3)"; fi\nexit 0',
    );
    const { code, stdout } = await runKit(bin, ["test"], { KIT_PROGRESS_SECONDS: "1" });
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines).toContain("kit: lint (ESLint and Prettier)...");
    expect(lines).toContain("kit: typecheck (tsc -b)...");
    expect(lines).toContainEqual(
      expect.stringMatching(/^kit: typecheck \(tsc -b\): still running \(\d+ s\)$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^kit: typecheck \(tsc -b\): done in \d+ s$/));
    expect(lines.indexOf("Tests  3 passed (3)")).toBeGreaterThan(lines.indexOf("kit: tests (vitest)..."));
  });

  it("stops at the first failing step, saying which and with its exit code", async () => {
    await using bin = await fakeBin();
    await bin.add("redis-server", 'echo "Redis server v=7.0.15"');
    await bin.add("pnpm", 'if [ "$1" = "typecheck" ]; then exit 3; fi\nexit 0');
    const { code, stdout } = await runKit(bin, ["test"]);
    expect(code).toBe(3);
    expect(stdout).toMatch(/^kit: typecheck \(tsc -b\): failed \(exit code 3\) after \d+ s$/m);
    expect(stdout).not.toContain("kit: tests (vitest)...");
  });

  it("with KIT_ALSO_NODE runs the tests once more under that Node, first on the PATH", async () => {
    await using bin = await fakeBin();
    await bin.add("redis-server", 'echo "Redis server v=7.0.15"');
    await bin.add("pnpm", "exit 0");
    // A cached "Node 99" that reports its version and otherwise prints how it was run.
    const cache = path.join(bin.dir, "cache");
    const nodeDir = path.join(
      cache,
      "node-99",
      "node_modules",
      `node-${process.platform}-${process.arch}`,
      "bin",
    );
    await mkdir(nodeDir, { recursive: true });
    await writeFile(
      path.join(nodeDir, "node"),
      '#!/bin/sh\nif [ "$1" = "--version" ]; then echo v99.0.0; exit 0; fi\necho "ran: $* PATH=$PATH"\n',
      { mode: 0o755 },
    );
    const { code, stdout, stderr } = await runKit(bin, ["test"], {
      KIT_ALSO_NODE: "99",
      KIT_CACHE_DIR: cache,
    });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain("kit: tests under Node 99 (vitest)...");
    const ran = stdout.split("\n").find((line) => line.startsWith("ran: ")) ?? "";
    expect(ran).toMatch(/vitest\.mjs run --project driver .*--project e2e PATH=/);
    expect(ran).not.toContain("containers");
    expect(ran).toContain(`PATH=${nodeDir}:`);
  });

  it("refuses a KIT_ALSO_NODE that is not a major version before anything runs", async () => {
    await using bin = await fakeBin();
    await bin.add("redis-server", 'echo "Redis server v=7.0.15"');
    await bin.add("pnpm", "exit 0");
    const { code, stdout, stderr } = await runKit(bin, ["test"], { KIT_ALSO_NODE: "lts" });
    expect(code).toBe(2);
    expect(stderr).toContain('kit: KIT_ALSO_NODE must be a Node.js major version such as 24; got "lts"');
    expect(stdout).not.toContain("kit: lint");
  });
});
