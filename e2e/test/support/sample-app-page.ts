import type { Browser } from "playwright-core";
import { pollUntil, type CacheConsumer } from "../../src/index.js";

export interface PageObservation {
  /** The HTTP status of `GET /`. */
  readonly status: number | undefined;
  readonly title: string;
  /** `#connection-state` once the page had its first status from the app. */
  readonly connectionState: string | null;
  /** `#visits` as first shown, after a click on `#increment`, and after a visit through the API. */
  readonly shown: { readonly initial: number; readonly afterClick: number; readonly afterApi: number };
  /** The count the API visit returned. */
  readonly apiVisits: number;
  /** How many lines `#connection-since` ("since 11:30:21 PM") takes in a 1200 px wide window. */
  readonly sinceLines: number;
}

/**
 * Opens the consumer's page as a person would and counts one visit with the button and one through
 * the API, reading what the page shows after each. Waits are bounded by `timeoutMs` each.
 */
export async function observeSampleAppPage(
  browser: Browser,
  consumer: CacheConsumer,
  timeoutMs = 10_000,
): Promise<PageObservation> {
  if (consumer.url === undefined) throw new Error(`${consumer.description} has no page`);
  // A common laptop width, where the connection card is at its narrowest beside the other two.
  await using context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  const response = await page.goto(`${consumer.url}/`, { timeout: timeoutMs });
  const wait = <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) =>
    pollUntil(read, done, { timeoutMs, intervalMs: 50, what }).then((polled) => polled.value);

  const state = page.locator("#connection-state");
  const connectionState = await wait(
    () => state.getAttribute("data-state"),
    (value) => value !== "connecting",
    "#connection-state to leave 'connecting'",
  );
  const visits = page.locator("#visits");
  const shownCount = (differentFrom?: number) =>
    wait(
      async () => Number.parseInt((await visits.textContent()) ?? "", 10),
      (value) => Number.isInteger(value) && value !== differentFrom,
      differentFrom === undefined ? "#visits to show a count" : `#visits to change from ${differentFrom}`,
    );

  const since = page.locator("#connection-since");
  await wait(
    async () => (await since.textContent()) ?? "",
    (text) => text !== "",
    "#connection-since to show a time",
  );
  const sinceLines = await since.evaluate((element) => element.getClientRects().length);
  const initial = await shownCount();
  await page.locator("#increment").click({ timeout: timeoutMs });
  const afterClick = await shownCount(initial);
  const apiVisits = await consumer.visit();
  const afterApi = await shownCount(afterClick);
  return {
    status: response?.status(),
    title: await page.title(),
    connectionState,
    shown: { initial, afterClick, afterApi },
    apiVisits,
    sinceLines,
  };
}
