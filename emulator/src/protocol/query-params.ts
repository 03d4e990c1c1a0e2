import { invalidValue, missingParameter } from "./aws-fault.js";

/**
 * A typed view of an AWS Query request's parameters (`Tags.Tag.1.Key=...`), the way the SDK's
 * query serialiser writes them: list members as `<List>.<member>.<n>` from 1, nested structures
 * as `<Struct>.<Field>`, and an empty list as the bare list name with an empty value.
 */
export class QueryParams {
  constructor(
    private readonly values: ReadonlyMap<string, string>,
    private readonly prefix = "",
  ) {}

  static parse(body: string): QueryParams {
    const values = new Map<string, string>();
    for (const [key, value] of new URLSearchParams(body)) values.set(key, value);
    return new QueryParams(values);
  }

  private raw(name: string): string | undefined {
    return this.values.get(this.prefix + name);
  }

  /** The value, or undefined when absent. An empty value counts as given. */
  string(name: string): string | undefined {
    return this.raw(name);
  }

  /** The value; a missing or blank one is AWS's "must be provided" fault. */
  required(name: string): string {
    const value = this.raw(name);
    if (value === undefined || value.trim() === "") throw missingParameter(this.prefix + name);
    return value;
  }

  bool(name: string): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (/^true$/i.test(value)) return true;
    if (/^false$/i.test(value)) return false;
    throw invalidValue(
      `Invalid boolean value for parameter ${this.prefix + name}: "${value}". Use true or false.`,
    );
  }

  int(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!/^-?\d{1,10}$/.test(value.trim())) {
      throw invalidValue(`Invalid integer value for parameter ${this.prefix + name}: "${value}".`);
    }
    return Number(value);
  }

  /** A list of strings; undefined when the request does not mention it at all. */
  list(name: string, member = "member"): string[] | undefined {
    const items: string[] = [];
    for (let index = 1; ; index += 1) {
      const value = this.raw(`${name}.${member}.${index}`);
      if (value === undefined) break;
      items.push(value);
    }
    if (items.length > 0) return items;
    return this.raw(name) !== undefined ? [] : undefined;
  }

  /** A list of structures, each read through its own view. */
  structList(name: string, member = "member"): QueryParams[] | undefined {
    const items: QueryParams[] = [];
    for (let index = 1; ; index += 1) {
      const prefix = `${this.prefix}${name}.${member}.${index}.`;
      if (!this.hasPrefix(prefix)) break;
      items.push(new QueryParams(this.values, prefix));
    }
    if (items.length > 0) return items;
    return this.raw(name) !== undefined ? [] : undefined;
  }

  /** A nested structure, or undefined when none of its fields is given. */
  struct(name: string): QueryParams | undefined {
    const prefix = `${this.prefix}${name}.`;
    return this.hasPrefix(prefix) ? new QueryParams(this.values, prefix) : undefined;
  }

  private hasPrefix(prefix: string): boolean {
    for (const key of this.values.keys()) if (key.startsWith(prefix)) return true;
    return false;
  }
}
