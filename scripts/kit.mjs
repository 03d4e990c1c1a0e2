#!/usr/bin/env node
// The quick start's entry point. Runs with plain Node (no dependencies) so that `npm run up`,
// `npm run lifecycle` and `npm test` work on a machine that has only Node and npm: it brings pnpm,
// installs the workspace, makes sure a Redis runtime exists when the command runs Redis here, then
// hands over to the workspace's own scripts, passing on the command's flags.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PNPM_VERSION = "10.34.9";

const tsx = (script) => (args) => [[process.execPath, "--import", "tsx", script, ...args]];
const viaPnpm = (steps) => () => steps.map((step) => [...pnpm(), ...step]);

const commands = {
  lifecycle: viaPnpm([["exec", "node", "--import", "tsx", "scripts/local-lifecycle.ts"]]),
  test: viaPnpm([["lint"], ["typecheck"], ["vitest"]]),
  up: tsx("scripts/up.ts"),
  down: tsx("scripts/down.ts"),
  janitor: tsx("scripts/janitor.ts"),
  register: tsx("scripts/register.ts"),
};

/** Whether the command runs Redis on this machine: the local modes of `up`, the lifecycle and the tests. */
function needsRedis(command, args) {
  if (args.includes("--help") || args.includes("-h")) return false;
  if (command === "up") return !args.includes("--cloud");
  return command === "lifecycle" || command === "test";
}

function has(binary, args = ["--version"]) {
  return spawnSync(binary, args, { stdio: "ignore" }).status === 0;
}

function pnpm() {
  return has("pnpm") ? ["pnpm"] : ["npx", "--yes", `pnpm@${PNPM_VERSION}`];
}

function run(argv, options = {}) {
  const [binary, ...args] = argv;
  const result = spawnSync(binary, args, { cwd: root, stdio: "inherit", ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function ensureInstalled() {
  const marker = join(root, "node_modules", ".modules.yaml");
  const lock = join(root, "pnpm-lock.yaml");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log("kit: installing the workspace (pnpm install --frozen-lockfile)");
  run([...pnpm(), "install", "--frozen-lockfile"]);
}

function dockerAnswers() {
  return has("docker", ["info"]) || Boolean(process.env.DOCKER_HOST);
}

/** The local provisioner needs Docker (or podman) or a redis-server binary. */
function ensureRedisRuntime() {
  if (has(process.env.LOCAL_REDIS_SERVER ?? "redis-server") || dockerAnswers()) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && has("apt-get", ["--version"])) {
    console.log("kit: no Redis runtime found; installing redis-server with apt-get");
    run(["apt-get", "update", "-qq"]);
    run(["apt-get", "install", "-y", "-qq", "redis-server"], {
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    // Debian starts a system Redis on 6379; the kit starts its own, so stop that one.
    spawnSync("service", ["redis-server", "stop"], { stdio: "ignore" });
    return;
  }
  console.error(
    [
      "kit: no Redis runtime found. Install one of:",
      "  - redis-server: `sudo apt-get install redis-server` (Debian/Ubuntu) or `brew install redis` (macOS)",
      "  - Docker (or podman with its Docker-compatible socket in DOCKER_HOST)",
    ].join("\n"),
  );
  process.exit(1);
}

const [command, ...args] = process.argv.slice(2);
if (!(command in commands)) {
  console.error(`usage: node scripts/kit.mjs <${Object.keys(commands).join("|")}>`);
  process.exit(2);
}
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`kit: Node ${process.versions.node} is too old; install Node 20.19 or newer`);
  process.exit(1);
}
ensureInstalled();
if (needsRedis(command, args)) ensureRedisRuntime();
// The command handles Ctrl-C itself (it deletes what it created first): wait for it to finish.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => {});
for (const step of commands[command](args)) run(step);
