import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import getPort from "get-port";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pingProbe } from "./ping-probe.js";
import { issueServerCertificate, loadOrCreateCertificateAuthority } from "./tls-material.js";

describe("pingProbe against a real redis-server", () => {
  let dir: string;
  let ca: string;
  let plainPort: number;
  let tlsPort: number;
  const children: ReturnType<typeof spawn>[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "ping-probe-"));
    const authority = await loadOrCreateCertificateAuthority(dir);
    const server = await issueServerCertificate(authority, ["127.0.0.1", "localhost"]);
    ca = server.caPem;
    await writeFile(path.join(dir, "server.crt"), server.certPem);
    await writeFile(path.join(dir, "server.key"), server.keyPem);
    await writeFile(path.join(dir, "ca.crt"), server.caPem);
    plainPort = await getPort();
    tlsPort = await getPort();
    const common = ["--bind", "127.0.0.1", "--save", "", "--requirepass", "probe-secret"];
    children.push(spawn("redis-server", ["--port", String(plainPort), ...common], { stdio: "ignore" }));
    children.push(
      spawn(
        "redis-server",
        [
          "--port",
          "0",
          "--tls-port",
          String(tlsPort),
          "--tls-auth-clients",
          "no",
          ...common,
          "--tls-cert-file",
          path.join(dir, "server.crt"),
          "--tls-key-file",
          path.join(dir, "server.key"),
          "--tls-ca-cert-file",
          path.join(dir, "ca.crt"),
        ],
        { stdio: "ignore" },
      ),
    );
    for (const [port, tls] of [
      [plainPort, undefined],
      [tlsPort, ca],
    ] as const) {
      for (let attempt = 0; ; attempt += 1) {
        try {
          await pingProbe(
            { host: "127.0.0.1", port, ca: tls },
            { username: "default", password: "probe-secret" },
            500,
          );
          break;
        } catch (error) {
          if (attempt > 200) throw error;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
    }
  });

  afterAll(async () => {
    for (const child of children) {
      child.kill("SIGKILL");
      if (child.exitCode === null && child.signalCode === null) await once(child, "exit");
    }
    await rm(dir, { recursive: true, force: true });
  });

  it("resolves with the right password, plain and over verified TLS", async () => {
    const credentials = { username: "default", password: "probe-secret" };
    await expect(
      pingProbe({ host: "127.0.0.1", port: plainPort, ca: undefined }, credentials, 1_000),
    ).resolves.toBeUndefined();
    await expect(
      pingProbe({ host: "127.0.0.1", port: tlsPort, ca }, credentials, 1_000),
    ).resolves.toBeUndefined();
  });

  it("rejects a wrong password with Redis' answer, never the password", async () => {
    const error = await pingProbe(
      { host: "127.0.0.1", port: plainPort, ca: undefined },
      { username: "default", password: "wrong-one" },
      1_000,
    ).catch((reason: Error) => reason);
    expect(String(error)).toMatch(/WRONGPASS/);
    expect(String(error)).not.toContain("wrong-one");
  });

  it("rejects a closed port and an untrusted certificate", async () => {
    const credentials = { username: "default", password: "probe-secret" };
    await expect(
      pingProbe({ host: "127.0.0.1", port: await getPort(), ca: undefined }, credentials, 1_000),
    ).rejects.toThrow(/ECONNREFUSED/);
    const other = await loadOrCreateCertificateAuthority(path.join(dir, "other"));
    await expect(
      pingProbe({ host: "127.0.0.1", port: tlsPort, ca: other.certPem }, credentials, 1_000),
    ).rejects.toThrow(/certificate|self.signed/i);
  });
});
