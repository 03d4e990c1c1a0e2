import path from "node:path";
import pino, { type Logger } from "pino";
import type { RuntimeChoice } from "./select-runtime.js";

/** Options of the local provisioner. Only `stateDir` is required. */
export interface LocalProvisionerOptions {
  /**
   * How to run Redis: `container` (testcontainers: Docker, or Podman's Docker API), `process`
   * (a `redis-server` child process), or `auto` (default): a container when a container engine
   * answers within a few seconds, else a process.
   */
  runtime?: RuntimeChoice;
  /** Image for the container runtime; its command must accept `redis-server <conf>`. Default `redis:7`. */
  image?: string;
  /** The redis-server binary of the process runtime: a path or a name on PATH. Default `redis-server`. */
  redisServerPath?: string;
  /**
   * Where records, configs, logs, the local CA and snapshots live; created when missing. One
   * provisioner per state dir at a time: a new one adopts what the previous one left running.
   */
  stateDir: string;
  /**
   * Host put into endpoints and server certificates. Default `127.0.0.1`. A non-loopback value
   * also makes process-runtime Redis listen on every interface.
   */
  advertiseHost?: string;
  /** Artificial wait before a create starts, in ms, to exercise asynchronous callers. Default 0. */
  createDelayMs?: number;
  /** Artificial wait before a delete starts, in ms. Default 0. */
  deleteDelayMs?: number;
  /** How long a new Redis may take to start and answer PING, in ms. Default 30 000. */
  readyTimeoutMs?: number;
  /**
   * How long a running Redis may take to answer the PING every status lookup sends, in ms, before
   * it reads `failed` (hung) until it answers again. Default 2 000.
   */
  pingTimeoutMs?: number;
  /** Default: a silent logger. Nothing logged ever contains a password. */
  logger?: Logger;
}

export type ResolvedLocalProvisionerOptions = Required<LocalProvisionerOptions>;

export function resolveOptions(options: LocalProvisionerOptions): ResolvedLocalProvisionerOptions {
  return {
    runtime: options.runtime ?? "auto",
    image: options.image ?? "redis:7",
    redisServerPath: options.redisServerPath ?? "redis-server",
    stateDir: path.resolve(options.stateDir),
    advertiseHost: options.advertiseHost ?? "127.0.0.1",
    createDelayMs: options.createDelayMs ?? 0,
    deleteDelayMs: options.deleteDelayMs ?? 0,
    readyTimeoutMs: options.readyTimeoutMs ?? 30_000,
    pingTimeoutMs: options.pingTimeoutMs ?? 2_000,
    logger: options.logger ?? pino({ level: "silent" }),
  };
}

export const isLoopback = (host: string): boolean =>
  host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
