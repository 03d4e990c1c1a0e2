import type { Endpoint } from "../provisioners/provisioner.js";

/** The `resource` part of OutputData for a Redis endpoint. */
export interface ResourceOutputs {
  values: { host: string; port: number; tls: boolean; ca_certificate?: string } & Record<
    string,
    string | number | boolean
  >;
  secrets: { username: string; password: string; url: string };
}

export function buildOutputs(endpoint: Endpoint, password: string): ResourceOutputs {
  const scheme = endpoint.tls ? "rediss" : "redis";
  const host = endpoint.host.includes(":") ? `[${endpoint.host}]` : endpoint.host;
  const auth = `${encodeURIComponent(endpoint.username)}:${encodeURIComponent(password)}`;
  return {
    values: {
      ...endpoint.values,
      host: endpoint.host,
      port: endpoint.port,
      tls: endpoint.tls,
      ...(endpoint.caCertificate ? { ca_certificate: endpoint.caCertificate } : {}),
    },
    secrets: { username: endpoint.username, password, url: `${scheme}://${auth}@${host}:${endpoint.port}` },
  };
}
