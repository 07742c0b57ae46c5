import { compileAnythingBut } from "./anything-but";
import { compileCidr } from "./cidr";
import { compileExists } from "./exists";
import { compileNumeric } from "./numeric";
import { compileEqualsIgnoreCase, compilePrefix, compileSuffix } from "./string-operators";
import type { OperatorCompiler } from "./types";
import { compileWildcard } from "./wildcard";

export const OPERATORS: ReadonlyMap<string, OperatorCompiler> = new Map<string, OperatorCompiler>([
  ["prefix", compilePrefix],
  ["suffix", compileSuffix],
  ["equals-ignore-case", compileEqualsIgnoreCase],
  ["anything-but", compileAnythingBut],
  ["numeric", compileNumeric],
  ["exists", compileExists],
  ["cidr", compileCidr],
  ["wildcard", compileWildcard],
]);

/**
 * Names event-ruler refuses as field names inside `$or` (its RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP),
 * including keywords it reserves for future operators.
 */
export const RESERVED_NAMES_INSIDE_OR: ReadonlySet<string> = new Set([
  ...OPERATORS.keys(),
  "exactly",
  "html",
  "=",
  "<",
  "<=",
  ">",
  ">=",
  "regex",
  "not-wildcard",
  "not-equals-ignore-case",
  "date-after",
  "date-on-or-after",
  "date-before",
  "date-on-or-before",
  "in-date-range",
  "ip-address-in-range",
  "ip-address-not-in-range",
]);
