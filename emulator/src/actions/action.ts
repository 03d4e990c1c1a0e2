import type { QueryParams } from "../protocol/query-params.js";
import type { XmlObject } from "../protocol/xml-response.js";
import type { EmulatorState } from "../service/emulator-state.js";

/** One API action: reads its parameters, changes the state, returns the `<Action>Result` body. */
export type ActionHandler = (
  params: QueryParams,
  state: EmulatorState,
) => XmlObject | undefined | Promise<XmlObject | undefined>;

export type ActionTable = Readonly<Record<string, ActionHandler>>;
