/* global document, fetch, AbortSignal */
"use strict";

const POLL_MS = 1000;
const REQUEST_TIMEOUT_MS = 3000;

const $ = (id) => document.getElementById(id);

async function request(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(data.message ?? `${method} ${path} answered ${response.status}`);
  }
  return data;
}

function showText(id, text) {
  const element = $(id);
  element.textContent = text;
  element.hidden = text === "";
}

function showStatus(status) {
  const { endpoint, connection } = status;
  const host = endpoint.host.includes(":") ? `[${endpoint.host}]` : endpoint.host;
  $("endpoint").textContent = `${host}:${endpoint.port}`;
  $("tls").textContent = endpoint.tls ? "on" : "off";
  // null until the server said whether it runs in cluster mode.
  $("client").textContent =
    status.client === "cluster" ? "cluster (one connection per shard)" : (status.client ?? "…");

  const state = $("connection-state");
  state.textContent = connection.state;
  state.dataset.state = connection.state;
  $("connection-since").textContent = `since ${new Date(connection.since).toLocaleTimeString()}`;
  showText("connection-reason", connection.reason ?? "");

  $("latency").textContent = status.latency_ms === null ? "—" : `${status.latency_ms.toFixed(2)} ms`;
  $("visits").textContent = status.visits === null ? "—" : String(status.visits);
  $("updated-at").textContent = new Date(status.checked_at).toLocaleTimeString();
}

function showAppUnreachable(error) {
  const state = $("connection-state");
  state.textContent = "app unreachable";
  state.dataset.state = "app-unreachable";
  showText("connection-reason", `The page cannot reach the app: ${error.message}`);
}

async function poll() {
  try {
    showStatus(await request("GET", "api/status"));
  } catch (error) {
    showAppUnreachable(error);
  }
  setTimeout(poll, POLL_MS);
}

async function increment() {
  const button = $("increment");
  button.disabled = true;
  try {
    const { visits } = await request("POST", "api/visits");
    $("visits").textContent = String(visits);
    showText("visits-error", "");
  } catch (error) {
    showText("visits-error", error.message);
  } finally {
    button.disabled = false;
  }
}

function keyPath() {
  return `api/keys/${encodeURIComponent($("kv-key").value.trim())}`;
}

async function saveValue(event) {
  event.preventDefault();
  try {
    const { key, value } = await request("PUT", keyPath(), { value: $("kv-value").value });
    $("kv-result").textContent = `Saved ${key} = ${JSON.stringify(value)}`;
  } catch (error) {
    $("kv-result").textContent = error.message;
  }
}

async function loadValue() {
  try {
    const { key, value } = await request("GET", keyPath());
    $("kv-value").value = value;
    $("kv-result").textContent = `Loaded ${key} = ${JSON.stringify(value)}`;
  } catch (error) {
    $("kv-result").textContent = error.message;
  }
}

$("increment").addEventListener("click", increment);
$("kv-form").addEventListener("submit", saveValue);
$("kv-load").addEventListener("click", loadValue);
poll();
