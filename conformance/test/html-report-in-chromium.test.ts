import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConformance, type CheckStatus, type ConformanceReport } from "../src/index.js";
import { containsSecret } from "../src/secrets.js";
import { breakDriver, type Breakage } from "./fixtures/broken-drivers.js";
import { FAST_TIMEOUTS, FIXTURE_INPUTS } from "./fixtures/fixture-inputs.js";
import { startFixtureServer } from "./fixtures/fixture-server.js";
import { ReferenceDriver } from "./fixtures/reference-driver.js";
import { browserRequired, chromiumProblem, launchChromium } from "./support/chromium.js";

const TOKEN = "html-report-token-0123456789";
const ACCOUNT = FIXTURE_INPUTS.driver?.secrets?.account as Record<string, string>;

/** The browser's own function, run inside the page; this project's types have no DOM. */
declare function getComputedStyle(element: unknown): { readonly backgroundColor: string };

/** What the page shows, read the way a person reads it: rendered text and computed colours. */
interface ShownReport {
  readonly title: string;
  readonly verdict: string;
  readonly bannerColour: string;
  readonly counts: Record<string, Record<string, number>>;
  readonly checks: Record<string, string>;
  readonly text: string;
  readonly html: string;
  readonly requests: string[];
}

async function showReport(browser: Browser, file: string): Promise<ShownReport> {
  await using context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href, { timeout: 10_000 });
  // One round trip per list: each locator call costs tens of milliseconds on a busy machine.
  const cells: [string, string, string][] = await page
    .locator("table.summary td[data-level]")
    .evaluateAll((found) => found.map((cell) => [cell.dataset.level, cell.dataset.status, cell.textContent]));
  const counts: Record<string, Record<string, number>> = {};
  for (const [level, status, count] of cells) counts[level] = { ...counts[level], [status]: Number(count) };
  const sections: [string, string][] = await page
    .locator("section.check")
    .evaluateAll((found) =>
      found.map((section) => [
        section.querySelector("h3 code")?.textContent,
        section.querySelector("h3 .badge")?.textContent,
      ]),
    );
  return {
    title: await page.title(),
    verdict: (await page.locator("#verdict").isVisible()) ? await page.locator("#verdict").innerText() : "",
    bannerColour: await page.locator("header").evaluate((header) => getComputedStyle(header).backgroundColor),
    counts,
    checks: Object.fromEntries(sections),
    text: await page.locator("body").innerText(),
    html: await page.content(),
    requests,
  };
}

/** A fixture run with a token and account credentials, its reports in a fresh directory. */
async function reportOf(breakage: Breakage | undefined, dir: string) {
  const driver = new ReferenceDriver({ token: TOKEN });
  await using fixture = await startFixtureServer(
    breakage === undefined ? driver.handle : breakDriver(driver, breakage),
  );
  const report = await runConformance({
    url: fixture.url,
    token: TOKEN,
    inputs: { ...FIXTURE_INPUTS, connectivity: false },
    timeouts: FAST_TIMEOUTS,
    reportDir: dir,
    quiet: true,
    // The account in the cookie breaks a recommendation: strict makes it decide the verdict shown.
    strict: true,
  });
  return { report, secrets: [TOKEN, driver.redis.password, ...Object.values(ACCOUNT)] };
}

function expectedCounts(report: ConformanceReport) {
  return { contract: report.summary.contract, recommendation: report.summary.recommendation };
}

const noBrowser = chromiumProblem();
const skip = noBrowser !== undefined && !browserRequired();

describe.skipIf(skip)(`the HTML report in Chromium${skip ? ` (skipped: ${noBrowser})` : ""}`, () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    if (noBrowser !== undefined) throw new Error(noBrowser);
    dir = await mkdtemp(path.join(tmpdir(), "conformance-html-"));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each([
    { run: "a conforming driver", breakage: undefined, verdict: "CONFORMS", banner: "rgb(26, 127, 55)" },
    {
      run: "a driver that keeps the account in its cookie",
      breakage: "cookie-account-base64" as const,
      verdict: "DOES NOT CONFORM",
      banner: "rgb(207, 34, 46)",
    },
  ])("renders $run: verdict, counts, every check, nothing fetched, no secret", async (run) => {
    const reportDir = path.join(dir, run.breakage ?? "conforming");
    const { report, secrets } = await reportOf(run.breakage, reportDir);
    const file = path.join(reportDir, "report.html");

    const shown = await showReport(browser, file);

    expect(shown.verdict).toBe(run.verdict);
    expect(shown.title).toContain(run.verdict);
    expect(shown.bannerColour).toBe(run.banner);
    expect(shown.counts).toEqual(expectedCounts(report));
    expect(shown.checks).toEqual(
      Object.fromEntries(report.results.map((result) => [result.id, result.status satisfies CheckStatus])),
    );
    expect(shown.requests).toEqual([pathToFileURL(file).href]);
    const written = await readFile(file, "utf8");
    for (const secret of secrets) {
      expect(containsSecret(written, secret), `the file holds a secret of ${secret.length} characters`).toBe(
        false,
      );
      expect(containsSecret(shown.html, secret)).toBe(false);
      expect(containsSecret(shown.text, secret)).toBe(false);
    }
  });

  it("shows a failure's problems and the exchanges that decided it, open", async () => {
    const reportDir = path.join(dir, "failure");
    await reportOf("cookie-account-base64", reportDir);
    await using context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(reportDir, "report.html")).href, { timeout: 10_000 });

    const check = page.locator("#check-ACCOUNT-NOT-READABLE");
    expect(await check.getAttribute("data-status")).toBe("fail");
    expect(await check.locator(".problems li").first().innerText()).toMatch(
      /^PUT \/[0-9a-f]{8}… → 20[02] \(\d+ ms\): the Set-Humanitec-Driver-Cookie holds sent driver\.secrets\.account\./,
    );
    const evidence = check.locator("details.exchange[open]");
    expect(await evidence.count()).toBeGreaterThan(0);
    const answer = await evidence.first().locator("pre").nth(1).innerText();
    expect(answer).toMatch(/^set-humanitec-driver-cookie: \[REDACTED\] \(\d+ bytes\)$/m);
    expect(await check.locator(".muted").first().innerText()).toContain(
      "kit: “v0.9 carries the account in driver.secrets",
    );
  });
});
