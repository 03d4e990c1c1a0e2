#!/usr/bin/env node
// The quick start's entry point. Runs with plain Node (no dependencies) so that `npm run lifecycle`,
// `npm test` and `npm run up` work on a machine that has only Node and npm: it brings pnpm, installs
// the workspace, makes sure a Redis runtime exists when the command runs Redis here, then hands over
// to the workspace's own scripts.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { clearInterval, setInterval } from "node:timers";
import { fileURLToPath } from "node:url";
import { nodeBinary } from "./node-binary.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PNPM_VERSION = "10.34.9";
/** Seconds between "still running" lines of a step that prints nothing by itself. */
const PROGRESS_SECONDS = Number(process.env.KIT_PROGRESS_SECONDS ?? 15);
/** How long to wait for another package manager's dpkg lock (unattended upgrades on a fresh VM). */
const APT_LOCK_WAIT_SECONDS = Number(process.env.KIT_APT_LOCK_WAIT_SECONDS ?? 600);

/**
 * What the second pass runs: every project whose code runs on the Node of the tests. Left out:
 * `containers` (its images bring their own Node) and `scripts` (the kit's own entry points, whose
 * lifecycle the e2e project covers), which together take a third of the time.
 */
const ALSO_NODE_PROJECTS = ["driver", "sample-app", "infra", "conformance", "emulator", "e2e"];

/** A TypeScript entry of scripts/ run by this Node, with the command's own flags passed on. */
const tsxScript = (file) => (args) => [process.execPath, "--import", "tsx", `scripts/${file}`, ...args];

/**
 * Each command: what it does, and its steps (pnpm arguments, a label, whether it is silent). A
 * command with `run` instead takes its own flags (and its own --help) and needs Redis here only
 * when `needsRedis` says so.
 */
const commands = {
  up: {
    what: "bring everything up (here, on the local ElastiCache endpoint, or on AWS) and check it",
    run: tsxScript("up.ts"),
    needsRedis: (args) => !args.includes("--cloud"),
  },
  down: { what: "delete every cache the kit created, then the cloud stack", run: tsxScript("down.ts") },
  janitor: {
    what: "list (and with --yes delete) old kit-tagged ElastiCache resources",
    run: tsxScript("janitor.ts"),
  },
  register: {
    what: "print (and with --apply make) the Humanitec driver registration",
    run: tsxScript("register.ts"),
  },
  lifecycle: {
    what: "create a cache through the driver, use it from the sample app, delete it",
    steps: [{ label: "lifecycle", args: ["exec", "node", "--import", "tsx", "scripts/local-lifecycle.ts"] }],
  },
  test: {
    what: "lint, typecheck and every test suite",
    steps: [
      { label: "lint (ESLint and Prettier)", args: ["lint"], silent: true },
      { label: "typecheck (tsc -b)", args: ["typecheck"], silent: true },
      { label: "tests (vitest)", args: ["vitest"] },
    ],
  },
  setup: {
    what: "only install what the other commands need (pnpm, the workspace, a Redis runtime)",
    steps: [],
  },
};

const USAGE = `Usage: node scripts/kit.mjs <${Object.keys(commands).join("|")}> [flags]   (npm run up, npm test, ...)

${Object.entries(commands)
  .map(([name, { what }]) => `  ${name.padEnd(10)} ${what}`)
  .join("\n")}

Each brings pnpm (through npx when it is not on the PATH), installs the workspace when needed and
makes sure a Redis runtime exists (Docker or podman, or redis-server: installed with apt-get when
missing and run as root on Debian/Ubuntu). The workspace's scripts then run with \`npm run <name>\`
(see the README and docs/): npm run driver, npm run sample-app, npm run e2e, npm run bench, ...
\`npm run up -- --help\` (and down, janitor, register) prints that command's own flags.

Environment: KIT_ALSO_NODE (e.g. 24) makes \`npm test\` run the tests a second time under that
Node.js major, brought from the npm registry when this machine lacks it (scripts/node-binary.mjs);
KIT_PROGRESS_SECONDS (default 15) between progress lines of a silent step;
KIT_APT_LOCK_WAIT_SECONDS (default 600) to wait for another package manager.`;

// A closed output (`npm run up | head`, or a `tee` ended by the same Ctrl-C) must not end the kit
// before the command it runs has cleaned up: what is written after that goes nowhere.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
  });
}

/**
 * The environment of every process the kit starts. The AWS SDK warns on every start under Node 20
 * that its releases from 2027 need Node 22: ten lines before anything of the kit's own, about a
 * Node the kit supports (and checks with KIT_ALSO_NODE); a variable set by the user wins.
 */
const KIT_ENV = {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  ...process.env,
};

const say = (line) => console.log(`kit: ${line}`);
const seconds = (ms) => `${Math.round(ms / 1000)} s`;

function has(binary, args = ["--version"]) {
  return spawnSync(binary, args, { stdio: "ignore" }).status === 0;
}

function pnpm() {
  return has("pnpm") ? ["pnpm"] : ["npx", "--yes", `pnpm@${PNPM_VERSION}`];
}

/**
 * Runs one step with its output on the terminal, saying when it starts and how it ended; a silent
 * step also gets a line every PROGRESS_SECONDS, so a long typecheck never looks like a hang.
 */
function runStep({ label, argv, silent = false, env = KIT_ENV }) {
  const [binary, ...args] = argv;
  const started = Date.now();
  say(`${label}...`);
  const heartbeat = silent
    ? setInterval(
        () => say(`${label}: still running (${seconds(Date.now() - started)})`),
        PROGRESS_SECONDS * 1000,
      )
    : undefined;
  return new Promise((resolve) => {
    const child = spawn(binary, args, { cwd: root, stdio: "inherit", env });
    // Ctrl-C reaches the child through the terminal; the kit only waits for it to finish.
    const ignore = () => undefined;
    process.on("SIGINT", ignore);
    const finish = (code) => {
      clearInterval(heartbeat);
      process.off("SIGINT", ignore);
      const took = seconds(Date.now() - started);
      say(code === 0 ? `${label}: done in ${took}` : `${label}: failed (exit code ${code}) after ${took}`);
      resolve(code);
    };
    child.on("error", (error) => {
      console.error(`kit: could not run ${binary}: ${error.message}`);
      finish(127);
    });
    child.on("exit", (code, signal) => finish(code ?? (signal === "SIGINT" ? 130 : 1)));
  });
}

async function runOrExit(step) {
  const code = await runStep(step);
  if (code !== 0) process.exit(code);
}

async function ensureInstalled() {
  const marker = join(root, "node_modules", ".modules.yaml");
  const lock = join(root, "pnpm-lock.yaml");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  await runOrExit({
    label: "installing the workspace (pnpm install --frozen-lockfile)",
    argv: [...pnpm(), "install", "--frozen-lockfile"],
  });
}

function dockerAnswers() {
  return has("docker", ["info"]) || Boolean(process.env.DOCKER_HOST);
}

const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const LOCK_HELD =
  /Could not get lock|Unable to acquire the dpkg frontend lock|Unable to lock directory|is another process using it/i;

/**
 * `apt-get <args>`, quietly; while another package manager holds the dpkg lock (an automatic
 * upgrade on a freshly booted VM), waits for it with a message instead of failing at once. Exits
 * with what to run by hand when apt-get still fails.
 */
function aptGet(args) {
  const deadline = Date.now() + APT_LOCK_WAIT_SECONDS * 1000;
  let waiting = false;
  for (;;) {
    const result = spawnSync("apt-get", args, {
      encoding: "utf8",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (result.status === 0) return;
    const output = `${result.stderr ?? ""}${result.stdout ?? ""}${result.error ? result.error.message : ""}`;
    if (LOCK_HELD.test(output) && Date.now() < deadline) {
      if (!waiting) {
        say(
          `another package manager holds the dpkg lock (often automatic upgrades right after boot); waiting for it, up to ${APT_LOCK_WAIT_SECONDS} s`,
        );
        waiting = true;
      }
      sleepSync(2_000);
      continue;
    }
    console.error(
      [
        `kit: \`apt-get ${args.join(" ")}\` failed${LOCK_HELD.test(output) ? `: the dpkg lock was still held after ${APT_LOCK_WAIT_SECONDS} s` : ""}:`,
        ...output
          .trim()
          .split("\n")
          .slice(-5)
          .map((line) => `  ${line}`),
        "kit: install it yourself once nothing else is installing, then run this command again:",
        "  sudo apt-get update && sudo apt-get install -y redis-server",
      ].join("\n"),
    );
    process.exit(1);
  }
}

/** The local provisioner needs Docker (or podman) or a redis-server binary. */
function ensureRedisRuntime() {
  const redisServer = process.env.LOCAL_REDIS_SERVER ?? "redis-server";
  if (has(redisServer) || dockerAnswers()) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && has("apt-get", ["--version"])) {
    const started = Date.now();
    say("no Redis runtime found; installing redis-server with apt-get...");
    aptGet(["update", "-qq"]);
    aptGet(["install", "-y", "-qq", "redis-server"]);
    // Debian starts a system Redis on 6379; the kit starts its own, so stop that one.
    spawnSync("service", ["redis-server", "stop"], { stdio: "ignore" });
    if (!has(redisServer)) {
      console.error(
        `kit: apt-get finished but ${redisServer} still does not run; install redis-server yourself`,
      );
      process.exit(1);
    }
    say(`redis-server installed in ${seconds(Date.now() - started)}`);
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

const [command, ...rest] = process.argv.slice(2);
const chosen = Object.hasOwn(commands, command ?? "") ? commands[command] : undefined;
const wantsHelp = rest.includes("--help") || rest.includes("-h");
if (command === "--help" || command === "-h" || (wantsHelp && !chosen?.run)) {
  console.log(USAGE);
  process.exit(0);
}
if (!chosen || (rest.length > 0 && !chosen.run)) {
  console.error(
    `kit: ${command === undefined ? "no command given" : `unknown arguments: ${[command, ...rest].join(" ")}`}\n\n${USAGE}`,
  );
  process.exit(2);
}
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`kit: Node ${process.versions.node} is too old; install Node 20.19 or newer`);
  process.exit(1);
}
await ensureInstalled();
if (chosen.run) {
  if (!wantsHelp && (chosen.needsRedis?.(rest) ?? false)) ensureRedisRuntime();
  // The command prints its own steps; its exit code is the kit's.
  const [binary, ...args] = chosen.run(rest);
  // In a process group of its own: a terminal's Ctrl-C signals the whole foreground group, which
  // would also stop the helpers the command still needs to clean up (tsx's esbuild service among
  // them). The kit passes the signal on to the command alone, which stops its own children.
  const child = spawn(binary, args, { cwd: root, stdio: "inherit", detached: true, env: KIT_ENV });
  // npm passes the terminal's Ctrl-C on as a second signal moments later: one interruption, so it
  // is passed on once; a Ctrl-C a second or more later is passed on again ("quit at once").
  let passedOnAt = 0;
  const passOn = (signal) => {
    if (Date.now() - passedOnAt < 1_000) return;
    passedOnAt = Date.now();
    child.kill(signal);
  };
  process.on("SIGINT", () => passOn("SIGINT"));
  process.on("SIGTERM", () => passOn("SIGTERM"));
  child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" ? 130 : 1)));
} else {
  ensureRedisRuntime();
  // Checked (and that Node brought) before anything runs, so a mistake costs no test run.
  const alsoNode =
    command === "test" && process.env.KIT_ALSO_NODE ? otherNode(process.env.KIT_ALSO_NODE) : undefined;
  for (const step of chosen.steps) {
    await runOrExit({ label: step.label, argv: [...pnpm(), ...step.args], silent: step.silent });
  }
  if (alsoNode) await testsUnderNode(alsoNode);
}

/** The binary of the Node.js major KIT_ALSO_NODE names; exits with the problem when it cannot be had. */
function otherNode(value) {
  const major = Number(value);
  if (!Number.isInteger(major) || major < 20) {
    console.error(
      `kit: KIT_ALSO_NODE must be a Node.js major version such as 24; got ${JSON.stringify(value)}`,
    );
    process.exit(2);
  }
  try {
    return { major, binary: nodeBinary(major) };
  } catch (error) {
    console.error(`kit: KIT_ALSO_NODE=${major}: ${error.message}`);
    process.exit(1);
  }
}

/**
 * The tests once more under another Node.js major (CI proves the current LTS beside the oldest
 * supported one). That Node comes first on the PATH, so every process the tests start runs on it.
 */
async function testsUnderNode({ major, binary }) {
  const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
  await runOrExit({
    label: `tests under Node ${major} (vitest)`,
    argv: [binary, vitest, "run", ...ALSO_NODE_PROJECTS.flatMap((name) => ["--project", name])],
    env: { ...KIT_ENV, PATH: `${dirname(binary)}${delimiter}${process.env.PATH ?? ""}` },
  });
}
