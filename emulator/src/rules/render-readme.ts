/** Writes the rule ledger into the package's README (`pnpm rules:render` in this package). */
import { readFile, writeFile } from "node:fs/promises";
import { withRuleLedger } from "./rule-ledger.js";

const readmeUrl = new URL("../../README.md", import.meta.url);
await writeFile(readmeUrl, withRuleLedger(await readFile(readmeUrl, "utf8")));
