/**
 * The names of the platform's ports (DESIGN.md, "One codebase, two places"), in a module with
 * no imports, so declarations (functions/wiring.ts, stacks/) can name ports without loading any.
 */
export const PORT_NAMES = [
  "bus",
  "state",
  "objects",
  "jobs",
  "endpoints",
  "timer",
  "schedules",
  "tokens",
  "events",
  "deadLetters",
] as const;

export type PortName = (typeof PORT_NAMES)[number];
