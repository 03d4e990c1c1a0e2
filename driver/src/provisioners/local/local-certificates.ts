import {
  issueServerCertificate,
  loadOrCreateCertificateAuthority,
  type CertificateAuthority,
  type ServerTlsMaterial,
} from "./tls-material.js";

/** The state dir's CA, loaded on first need, and the server certificates it signs. */
export class LocalCertificates {
  private ca: CertificateAuthority | undefined;
  private loading: Promise<CertificateAuthority> | undefined;

  constructor(private readonly dir: string) {}

  /** PEM of the CA once loaded; every TLS resource loads it before it is reported available. */
  get caPem(): string | undefined {
    return this.ca?.certPem;
  }

  load(): Promise<CertificateAuthority> {
    this.loading ??= loadOrCreateCertificateAuthority(this.dir).then((ca) => (this.ca = ca));
    return this.loading;
  }

  async issue(hosts: readonly string[]): Promise<ServerTlsMaterial> {
    return issueServerCertificate(await this.load(), hosts);
  }
}
