import { X509Certificate } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { issueServerCertificate, loadOrCreateCertificateAuthority } from "./tls-material.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tls-material-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("TLS material", () => {
  test("issues a server certificate that verifies against the CA and names every host", async () => {
    const ca = await loadOrCreateCertificateAuthority(dir);
    const material = await issueServerCertificate(ca, [
      "127.0.0.1",
      "::1",
      "localhost",
      "cache.example.test",
    ]);
    const server = new X509Certificate(material.certPem);
    const authority = new X509Certificate(material.caPem);
    expect(server.verify(authority.publicKey)).toBe(true);
    expect(server.checkIssued(authority)).toBe(true);
    expect(authority.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(server.checkHost("localhost")).toBe("localhost");
    expect(server.checkHost("cache.example.test")).toBe("cache.example.test");
    expect(server.checkHost("other.example.test")).toBeUndefined();
    expect(material.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  test("keeps one CA per directory, private, across loads", async () => {
    const first = await loadOrCreateCertificateAuthority(dir);
    const second = await loadOrCreateCertificateAuthority(dir);
    expect(second.certPem).toBe(first.certPem);
    expect((await stat(path.join(dir, "ca.pem"))).mode & 0o777).toBe(0o600);
    const material = await issueServerCertificate(second, ["127.0.0.1"]);
    expect(new X509Certificate(material.certPem).verify(new X509Certificate(first.certPem).publicKey)).toBe(
      true,
    );
  });

  test("agrees on one CA when two loads race", async () => {
    const [a, b] = await Promise.all([
      loadOrCreateCertificateAuthority(dir),
      loadOrCreateCertificateAuthority(dir),
    ]);
    expect(a.certPem).toBe(b.certPem);
  });
});
