import {
  ClientClosedError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ErrorReply,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
} from "redis";
import type { CacheEndpoint, CacheFailure } from "./cache.js";

/** What a direct look at the port found it speaks; see probe-transport.ts. */
export type ServerTransport = "tls" | "plain-redis" | "unknown";

export interface FailureContext {
  readonly endpoint: CacheEndpoint;
  /** The error came before the connection was ready (TCP connect, TLS or AUTH/HELLO). */
  readonly handshake: boolean;
  readonly serverTransport?: ServerTransport | undefined;
  /** Connect or command timeout that expired, for the message. */
  readonly timeoutMs?: number | undefined;
}

const UNTRUSTED_CERT_CODES = new Set([
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "CERT_SIGNATURE_FAILURE",
  "CERT_UNTRUSTED",
]);
const EXPIRED_CERT_CODES = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);
const TLS_PROTOCOL_CODES = new Set([
  "EPROTO",
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "ERR_SSL_PACKET_LENGTH_TOO_LONG",
]);
const DROPPED_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

/**
 * Turns anything node-redis or the socket throws into a CacheFailure whose reason names the cause and
 * the setting to check. Never includes credentials: only the endpoint and the server's error code.
 */
export function describeCacheError(error: unknown, context: FailureContext): CacheFailure {
  const { endpoint } = context;
  const where = `${formatHost(endpoint.host)}:${endpoint.port}`;
  const code = errorCode(error);
  const within = context.timeoutMs === undefined ? "in time" : `within ${context.timeoutMs} ms`;
  if (error instanceof ErrorReply) return describeReply(error, context.handshake);
  const mismatch = isTransportSymptom(error) ? transportMismatch(context) : undefined;
  if (mismatch) return mismatch;

  if (code === "ECONNREFUSED") {
    return failure(
      "unreachable",
      `Connection refused by ${where}: nothing is listening there. Check REDIS_HOST and REDIS_PORT, and that the cache is running.`,
    );
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") {
    return failure(
      "unreachable",
      `Host name ${endpoint.host} could not be resolved (${code}). Check REDIS_HOST against the resource's host output.`,
    );
  }
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") {
    return failure(
      "unreachable",
      `No network route to ${where} (${code}). Check the network path: VPC, subnets, security groups.`,
    );
  }
  if (code !== undefined && UNTRUSTED_CERT_CODES.has(code)) {
    return failure(
      "tls",
      `The TLS certificate of ${where} is not trusted (${code}). Set REDIS_CA_CERTIFICATE to the PEM of the CA that signed it.`,
    );
  }
  if (code !== undefined && EXPIRED_CERT_CODES.has(code)) {
    return failure(
      "tls",
      `The TLS certificate of ${where} is not valid now (${code}). Renew the server certificate.`,
    );
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return failure(
      "tls",
      `The TLS certificate of ${where} does not name host ${endpoint.host}. Use the host name from the resource's outputs in REDIS_HOST.`,
    );
  }
  if (code !== undefined && TLS_PROTOCOL_CODES.has(code)) {
    return failure(
      "tls",
      `TLS handshake with ${where} failed (${code}); the server probably does not use TLS. Set REDIS_TLS=false (or use a redis:// URL).`,
    );
  }
  if (error instanceof ConnectionTimeoutError || code === "ETIMEDOUT") {
    return failure(
      "timeout",
      `No connection to ${where} ${within} (connect timeout). Check the network path (security groups, subnets)${endpoint.tls ? "" : "; if the cache requires TLS, set REDIS_TLS=true"}.`,
    );
  }
  if (error instanceof TimeoutError || error instanceof SocketTimeoutError) {
    return failure(
      "timeout",
      `${where} did not answer ${within} (command timeout). The cache may be overloaded or the network path broken.`,
    );
  }
  if (error instanceof Error && error.message.startsWith("Unknown RESP type")) {
    // node-redis raises a plain Error from its decoder: the message is the only signal.
    return failure("protocol", `${where} answered, but not in the Redis protocol. Check REDIS_PORT.`);
  }
  if (error instanceof SocketClosedUnexpectedlyError || (code !== undefined && DROPPED_CODES.has(code))) {
    if (context.handshake) {
      return failure(
        "lost",
        `${where} closed the connection during the handshake${code ? ` (${code})` : ""}. ${endpoint.tls ? "Check that the server uses TLS on this port." : "If the server requires TLS, set REDIS_TLS=true."}`,
      );
    }
    return failure("lost", `The connection to ${where} was lost${code ? ` (${code})` : ""}; reconnecting.`);
  }
  if (error instanceof ClientClosedError || error instanceof DisconnectsClientError) {
    return failure("closed", "The cache connection is closed because the app is shutting down.");
  }
  const name = error instanceof Error ? error.name : typeof error;
  return failure("unknown", `Unexpected error talking to ${where}: ${name}${code ? ` (${code})` : ""}.`);
}

function describeReply(reply: ErrorReply, handshake: boolean): CacheFailure {
  const replyCode = reply.message.split(" ", 1)[0] ?? "";
  if (replyCode === "WRONGPASS") {
    return failure(
      "auth",
      "Authentication failed (WRONGPASS): the username or password is wrong, or the user is disabled. Check REDIS_USERNAME and REDIS_PASSWORD against the resource's outputs.",
    );
  }
  if (replyCode === "NOAUTH") {
    return failure(
      "auth",
      "Authentication required (NOAUTH): the server needs a password and none was sent. Set REDIS_PASSWORD (and REDIS_USERNAME for an ACL user).",
    );
  }
  if (replyCode === "NOPERM") {
    return failure(
      "rejected",
      `The user may not run this command or touch this key (NOPERM). Check the user's ACL, and REDIS_KEY_PREFIX against its key pattern.`,
    );
  }
  if (/^ERR SELECT is not allowed in cluster mode/.test(reply.message)) {
    return failure(
      "rejected",
      'The cache runs in cluster mode, which has only database 0, but REDIS_URL selects another one. Remove the database number ("/N") from REDIS_URL.',
    );
  }
  const step = handshake ? "the connection setup" : "the command";
  // Redis error replies carry a code and a fixed text, never the arguments sent.
  return failure("rejected", `The server rejected ${step}: ${reply.message.slice(0, 200)}`);
}

function transportMismatch(context: FailureContext): CacheFailure | undefined {
  const { endpoint, serverTransport } = context;
  const where = `${formatHost(endpoint.host)}:${endpoint.port}`;
  if (endpoint.tls && serverTransport === "plain-redis") {
    return failure(
      "tls",
      `TLS mismatch: REDIS_TLS is on, but ${where} speaks plain (unencrypted) Redis. Set REDIS_TLS=false (or use a redis:// URL).`,
    );
  }
  if (!endpoint.tls && serverTransport === "tls") {
    return failure(
      "tls",
      `TLS mismatch: ${where} requires TLS, but REDIS_TLS is off. Set REDIS_TLS=true (or use a rediss:// URL).`,
    );
  }
  return undefined;
}

/**
 * Errors that TLS on one side only produces: a handshake that times out (client TLS, server plain) or a
 * connection the server drops (client plain, server TLS). Worth a direct look at the port.
 */
export function isTransportSymptom(error: unknown): boolean {
  const code = errorCode(error);
  return (
    error instanceof ConnectionTimeoutError ||
    error instanceof SocketClosedUnexpectedlyError ||
    (code !== undefined && (DROPPED_CODES.has(code) || TLS_PROTOCOL_CODES.has(code)))
  );
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

export function formatHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

const failure = (kind: CacheFailure["kind"], reason: string): CacheFailure => ({ kind, reason });
