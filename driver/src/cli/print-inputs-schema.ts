import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { driverInputsJsonSchema } from "../http/openapi.js";

const USAGE = `Usage: npm run -s schema                 print it (-s: without npm's banner, so it stays JSON)
       npm run schema -- --out FILE      write it to FILE
       (or: pnpm -s schema, pnpm schema --out FILE)

The JSON Schema of the driver inputs (driver.values), as Humanitec's inputs_schema of the driver
definition expects it.`;

// Prints (or writes) Humanitec's `inputs_schema` for the driver definition.
try {
  const { values } = parseArgs({
    options: { help: { type: "boolean", short: "h" }, out: { type: "string", short: "o" } },
  });
  const schema = `${JSON.stringify(driverInputsJsonSchema(), null, 2)}\n`;
  if (values.help) console.log(USAGE);
  else if (values.out !== undefined) {
    // npm and pnpm run scripts in the package's directory; a relative path means where they were run.
    const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
    writeFileSync(file, schema);
    console.error(`Wrote the driver-input JSON Schema to ${file}`);
  } else process.stdout.write(schema);
} catch (error) {
  const usage = error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
  console.error(`${error instanceof Error ? error.message : String(error)}${usage ? `\n\n${USAGE}` : ""}`);
  process.exitCode = usage ? 2 : 1;
}
