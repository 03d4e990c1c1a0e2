import { parseArgs } from "node:util";
import { driverInputsJsonSchema } from "../http/openapi.js";

const USAGE = `Usage: npm run schema      (or: pnpm schema)

Prints the JSON Schema of the driver inputs (driver.values), as Humanitec's inputs_schema of the
driver definition expects it.`;

// Prints Humanitec's `inputs_schema` for the driver definition.
try {
  const { values } = parseArgs({ options: { help: { type: "boolean", short: "h" } } });
  if (values.help) console.log(USAGE);
  else console.log(JSON.stringify(driverInputsJsonSchema(), null, 2));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exitCode = 2;
}
