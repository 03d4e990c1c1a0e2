// @peculiar/x509 resolves its services through tsyringe, which needs a Reflect metadata polyfill.
import "reflect-metadata";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { webcrypto } from "node:crypto";
import os from "node:os";
import path from "node:path";
import * as x509 from "@peculiar/x509";

/** A throwaway CA and a server certificate for 127.0.0.1 and localhost, as PEM files. */
export interface TlsFixture extends AsyncDisposable {
  readonly caPem: string;
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
const HOUR_MS = 3_600_000;

export async function createTlsFixture(): Promise<TlsFixture> {
  const crypto = webcrypto;
  const notBefore = new Date(Date.now() - HOUR_MS);
  const notAfter = new Date(Date.now() + 24 * HOUR_MS);
  const newKeys = () => crypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);

  const caKeys = await newKeys();
  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: "CN=sample-app test CA",
      keys: caKeys,
      notBefore,
      notAfter,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ],
    },
    crypto,
  );

  const serverKeys = await newKeys();
  const server = await x509.X509CertificateGenerator.create(
    {
      subject: "CN=localhost",
      issuer: ca.subject,
      publicKey: serverKeys.publicKey,
      signingKey: caKeys.privateKey,
      notBefore,
      notAfter,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.SubjectAlternativeNameExtension([
          { type: "dns", value: "localhost" },
          { type: "ip", value: "127.0.0.1" },
        ]),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      ],
    },
    crypto,
  );
  const serverKey = await crypto.subtle.exportKey("pkcs8", serverKeys.privateKey);

  const dir = await mkdtemp(path.join(os.tmpdir(), "sample-app-tls-"));
  const caPem = ca.toString("pem");
  const files = {
    caFile: path.join(dir, "ca.crt"),
    certFile: path.join(dir, "server.crt"),
    keyFile: path.join(dir, "server.key"),
  };
  await writeFile(files.caFile, caPem);
  await writeFile(files.certFile, server.toString("pem"));
  await writeFile(files.keyFile, x509.PemConverter.encode(serverKey, "PRIVATE KEY"), { mode: 0o600 });

  return {
    caPem,
    ...files,
    [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }),
  };
}
