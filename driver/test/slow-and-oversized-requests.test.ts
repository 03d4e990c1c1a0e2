import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "../src/errors.js";
import { newGuresid } from "./support/http.js";
import { startTestDriver, type TestDriver } from "./support/test-driver.js";

/** What the server wrote before it closed the connection; bounded by `timeoutMs`. */
async function untilClosed(socket: Socket, timeoutMs = 5_000): Promise<string> {
  let text = "";
  socket.on("data", (chunk: Buffer) => (text += chunk.toString("latin1")));
  const timer = setTimeout(
    () => socket.destroy(new Error(`still open after ${timeoutMs} ms: ${text}`)),
    timeoutMs,
  );
  try {
    await once(socket, "close");
  } finally {
    clearTimeout(timer);
  }
  if (socket.errored) throw socket.errored;
  return text;
}

async function open(driver: TestDriver): Promise<Socket> {
  const { hostname, port } = new URL(driver.origin);
  const socket = connect({ host: hostname, port: Number(port) });
  await once(socket, "connect");
  return socket;
}

/** Status line and JSON body of a raw HTTP/1.1 answer. */
function parse(raw: string): { status: number; headers: string; body: { error: string; message: string } } {
  const [head = "", body = ""] = raw.split("\r\n\r\n", 2);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  return {
    status,
    headers: head.toLowerCase(),
    body: JSON.parse(body) as { error: string; message: string },
  };
}

function expectContractError(raw: string, status: number, code: keyof typeof ERROR_CODES): string {
  const answer = parse(raw);
  expect(answer.status).toBe(status);
  expect(ERROR_CODES[code].status).toBe(status);
  expect(answer.headers).toContain("content-type: application/json");
  expect(answer.body.error).toBe(code);
  return answer.body.message;
}

describe("slow, oversized and unparsable requests", () => {
  let driver: TestDriver;
  beforeAll(async () => {
    driver = await startTestDriver({
      DRIVER_PROVISIONER: "fake",
      FAKE_AUTO_FINISH_MS: "20",
      DRIVER_HEADERS_TIMEOUT_MS: "300",
      DRIVER_REQUEST_TIMEOUT_MS: "600",
      DRIVER_KEEP_ALIVE_TIMEOUT_MS: "200",
    });
  });
  afterAll(async () => {
    await driver?.close();
  });

  it("answers 413 on a declared length over the limit without waiting for the body", async () => {
    const socket = await open(driver);
    socket.write(
      `PUT /${newGuresid()} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{`,
    );
    const message = expectContractError(await untilClosed(socket), 413, "RES-106");
    expect(message).toContain("body: the body is larger than 65536 bytes");
  });

  it("answers 408 to a client that never sends the body it announced, and closes", async () => {
    const socket = await open(driver);
    socket.write(
      `PUT /${newGuresid()} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":`,
    );
    const message = expectContractError(await untilClosed(socket), 408, "RES-121");
    expect(message).toContain("DRIVER_REQUEST_TIMEOUT_MS");
  });

  it("answers 408 to a client that stops in the middle of its headers", async () => {
    const socket = await open(driver);
    socket.write(`GET /${newGuresid()} HTTP/1.1\r\nHost: x\r\n`);
    expectContractError(await untilClosed(socket), 408, "RES-121");
  });

  it("closes an idle keep-alive connection after DRIVER_KEEP_ALIVE_TIMEOUT_MS", async () => {
    const socket = await open(driver);
    socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    const raw = await untilClosed(socket);
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    expect(raw.toLowerCase()).toContain("keep-alive: timeout=0");
  });

  it("answers a request Node cannot parse with the contract's error body", async () => {
    const socket = await open(driver);
    socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nthis is no header\r\n\r\n");
    expect(expectContractError(await untilClosed(socket), 400, "RES-120")).toContain("not valid HTTP/1.1");
  });

  it("answers headers over Node's limit with 431", async () => {
    const socket = await open(driver);
    socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ${"p".repeat(20_000)}\r\n\r\n`);
    expectContractError(await untilClosed(socket), 431, "RES-122");
  });
});
