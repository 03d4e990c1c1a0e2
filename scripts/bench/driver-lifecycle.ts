import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "redis";
import { timed } from "./stats.js";

interface Outputs {
  values: { tls: boolean; ca_certificate?: string };
  secrets: { url: string };
}

const body = JSON.stringify({ type: "redis", driver: { values: { tls: false } } });

async function until(request: () => Promise<Response>, done: number, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await request();
    if (response.status === done) return response;
    await response.arrayBuffer();
    if (response.status !== 202) throw new Error(`unexpected ${response.status}`);
    if (Date.now() > deadline) throw new Error(`still 202 after ${timeoutMs} ms`);
    await sleep(2);
  }
}

export interface LifecycleTimings {
  create: number;
  connect: number;
  delete: number;
  total: number;
}

/** One create → connect (PING) → delete through the driver's HTTP API, polling as Humanitec does. */
export async function driverLifecycle(baseUrl: string): Promise<LifecycleTimings> {
  const url = `${baseUrl}${randomBytes(20).toString("hex")}`;
  const started = performance.now();
  const [created, create] = await timed(() =>
    until(
      () => fetch(url, { method: "PUT", body, headers: { "content-type": "application/json" } }),
      200,
      60_000,
    ),
  );
  const outputs = ((await created.json()) as { resource: Outputs }).resource;
  const [, connect] = await timed(async () => {
    const client = createClient({ url: outputs.secrets.url, socket: { reconnectStrategy: false } });
    client.on("error", () => {});
    await client.connect();
    await client.ping();
    client.destroy();
  });
  const [, remove] = await timed(() => until(() => fetch(url, { method: "DELETE" }), 204, 60_000));
  return { create, connect, delete: remove, total: performance.now() - started };
}

/** Creates one resource and waits until it is ready; returns its URL. */
export async function readyResource(baseUrl: string): Promise<string> {
  const url = `${baseUrl}${randomBytes(20).toString("hex")}`;
  await until(
    () => fetch(url, { method: "PUT", body, headers: { "content-type": "application/json" } }),
    200,
    60_000,
  );
  return url;
}

/** A ready resource to poll as Humanitec does, with what its next poll is answered. */
export interface PollTarget {
  url: string;
  /** The text of the ready answer: the baseline answers a body of the same size. */
  answer: string;
  /** The driver cookie that answer set: Humanitec sends it back on every poll. */
  headers: Record<string, string>;
}

/** Creates one resource, waits until it is ready, and reads its ready answer once more. */
export async function readyPollTarget(baseUrl: string): Promise<PollTarget> {
  const url = await readyResource(baseUrl);
  const ready = await fetch(url, { method: "PUT", body, headers: { "content-type": "application/json" } });
  const answer = await ready.text();
  return {
    url,
    answer,
    headers: { "humanitec-driver-cookie": ready.headers.get("set-humanitec-driver-cookie") ?? "" },
  };
}

/** Deletes a resource and waits until the driver answers 204. */
export async function deleteResource(url: string): Promise<void> {
  await until(() => fetch(url, { method: "DELETE" }), 204, 60_000);
}

export const READY_BODY = body;
