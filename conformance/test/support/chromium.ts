import { accessSync, constants } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium; `CHROMIUM_PATH` points elsewhere. Playwright never downloads a browser here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_INSTALL_HINT =
  "install Debian's Chromium (`apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium binary";

/** Why the browser checks cannot run here, or undefined when Chromium is installed. */
export function chromiumProblem(path = CHROMIUM_PATH): string | undefined {
  try {
    accessSync(path, constants.X_OK);
    return undefined;
  } catch {
    return `no Chromium at ${path}: ${CHROMIUM_INSTALL_HINT}`;
  }
}

/** CI and KIT_REQUIRE_BROWSER=1 make a missing browser a failure instead of a skip. */
export const browserRequired = (env: NodeJS.ProcessEnv = process.env) =>
  env.CI === "true" || env.KIT_REQUIRE_BROWSER === "1";

/**
 * Headless Chromium with the flags this machine needs: no sandbox (root), and nothing that
 * reaches for Google's hosts (the network is closed). Playwright adds a fresh `--user-data-dir`.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
