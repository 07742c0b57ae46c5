import type { ColumnType } from "./schema";

/** Bit set of the types a column's values still all fit; integer implies number. */
export const INTEGER = 1;
export const NUMBER = 2;
export const BOOLEAN = 4;
export const TIMESTAMP = 8;
export const ANY = INTEGER | NUMBER | BOOLEAN | TIMESTAMP;

export function typeOfKinds(kinds: number): ColumnType {
  if (kinds === ANY) return "string";
  if (kinds & INTEGER) return "integer";
  if (kinds & NUMBER) return "number";
  if (kinds & BOOLEAN) return "boolean";
  if (kinds & TIMESTAMP) return "timestamp";
  return "string";
}

export function kindsOfType(type: ColumnType): number {
  switch (type) {
    case "integer":
      return INTEGER | NUMBER;
    case "number":
      return NUMBER;
    case "boolean":
      return BOOLEAN;
    case "timestamp":
      return TIMESTAMP;
    case "string":
      return 0;
  }
}

/** The narrowest type holding values of both types: integer and number make number, anything else string. */
export function joinTypes(a: ColumnType, b: ColumnType): ColumnType {
  return typeOfKinds(kindsOfType(a) & kindsOfType(b));
}
