import { driverInputsJsonSchema } from "../http/openapi.js";

// Prints Humanitec's `inputs_schema` for the driver definition.
console.log(JSON.stringify(driverInputsJsonSchema(), null, 2));
