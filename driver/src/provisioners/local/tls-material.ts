import { webcrypto } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { isIP } from "node:net";
import path from "node:path";
// @peculiar/x509 needs a Reflect metadata polyfill loaded before it.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { createFileExclusive } from "./atomic-write.js";

const crypto = webcrypto;
type CryptoKey = webcrypto.CryptoKey;
const KEY_ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGNING_ALGORITHM = { name: "ECDSA", hash: "SHA-256" } as const;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Clients on macOS refuse server certificates valid for longer. */
const SERVER_VALIDITY_DAYS = 825;
const CA_VALIDITY_DAYS = 3650;
const CA_FILE = "ca.pem";

export interface CertificateAuthority {
  /** PEM of the CA certificate: what clients trust. */
  certPem: string;
  certificate: x509.X509Certificate;
  privateKey: CryptoKey;
}

/** What a Redis server needs for TLS: its certificate and key, and the CA that signed them. */
export interface ServerTlsMaterial {
  certPem: string;
  keyPem: string;
  caPem: string;
}

const toPem = (der: ArrayBuffer, tag: string): string => `${x509.PemConverter.encode(der, tag)}\n`;

async function exportKeyPem(key: CryptoKey): Promise<string> {
  return toPem(await crypto.subtle.exportKey("pkcs8", key), x509.PemConverter.PrivateKeyTag);
}

async function importKeyPem(pem: string): Promise<CryptoKey> {
  const [der] = x509.PemConverter.decode(pem);
  if (!der) throw new Error("no private key in PEM");
  return crypto.subtle.importKey("pkcs8", der, KEY_ALGORITHM, false, ["sign"]);
}

const validity = (now: Date, days: number) => ({
  notBefore: new Date(now.getTime() - HOUR_MS),
  notAfter: new Date(now.getTime() + days * DAY_MS),
});

/** A fresh CA whose key never leaves this machine; `bundlePem` holds certificate and key. */
export async function createCertificateAuthority(
  commonName: string,
  now = new Date(),
): Promise<CertificateAuthority & { bundlePem: string }> {
  const keys = await crypto.subtle.generateKey(KEY_ALGORITHM, true, ["sign", "verify"]);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: `CN=${commonName}`,
      keys,
      signingAlgorithm: SIGNING_ALGORITHM,
      ...validity(now, CA_VALIDITY_DAYS),
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const certPem = `${certificate.toString("pem")}\n`;
  return {
    certPem,
    certificate,
    privateKey: keys.privateKey,
    bundlePem: certPem + (await exportKeyPem(keys.privateKey)),
  };
}

/** Parses a bundle written by `createCertificateAuthority`. */
export async function parseCertificateAuthority(bundlePem: string): Promise<CertificateAuthority> {
  const parts = x509.PemConverter.decodeWithHeaders(bundlePem);
  const cert = parts.find((part) => part.type === x509.PemConverter.CertificateTag);
  const key = parts.find((part) => part.type === x509.PemConverter.PrivateKeyTag);
  if (!cert || !key) throw new Error("the CA bundle needs a CERTIFICATE and a PRIVATE KEY block");
  const certificate = new x509.X509Certificate(cert.rawData);
  return {
    certPem: `${certificate.toString("pem")}\n`,
    certificate,
    privateKey: await importKeyPem(toPem(key.rawData, x509.PemConverter.PrivateKeyTag)),
  };
}

/**
 * The CA of a state directory: created on first use and kept in `<dir>/ca.pem` (mode 0600), so
 * certificates issued before and after a driver restart verify against the same CA.
 */
export async function loadOrCreateCertificateAuthority(dir: string): Promise<CertificateAuthority> {
  const file = path.join(dir, CA_FILE);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    return await parseCertificateAuthority(await readFile(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new Error(`cannot read the local CA at ${file} (delete it to start over)`, { cause: error });
    }
  }
  const created = await createCertificateAuthority("elasticache-driver-kit local CA");
  if (await createFileExclusive(file, created.bundlePem)) return created;
  return parseCertificateAuthority(await readFile(file, "utf8"));
}

const subjectAltName = (host: string): x509.JsonGeneralName =>
  isIP(host) ? { type: "ip", value: host } : { type: "dns", value: host };

/** A server certificate for `hosts` (IP addresses or DNS names), signed by `ca`, with a new key. */
export async function issueServerCertificate(
  ca: CertificateAuthority,
  hosts: readonly string[],
  now = new Date(),
): Promise<ServerTlsMaterial> {
  const names = [...new Set(hosts)];
  const first = names[0];
  if (first === undefined) throw new TypeError("a server certificate needs at least one host");
  const keys = await crypto.subtle.generateKey(KEY_ALGORITHM, true, ["sign", "verify"]);
  const certificate = await x509.X509CertificateGenerator.create(
    {
      subject: `CN=${first}`,
      issuer: ca.certificate.subject,
      publicKey: keys.publicKey,
      signingKey: ca.privateKey,
      signingAlgorithm: SIGNING_ALGORITHM,
      ...validity(now, SERVER_VALIDITY_DAYS),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        // clientAuth too: nodes of a Redis Cluster present the same certificate to each other on the bus.
        new x509.ExtendedKeyUsageExtension([
          x509.ExtendedKeyUsage.serverAuth,
          x509.ExtendedKeyUsage.clientAuth,
        ]),
        new x509.SubjectAlternativeNameExtension(names.map(subjectAltName)),
        await x509.AuthorityKeyIdentifierExtension.create(ca.certificate, false, crypto),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return {
    certPem: `${certificate.toString("pem")}\n`,
    keyPem: await exportKeyPem(keys.privateKey),
    caPem: ca.certPem,
  };
}
