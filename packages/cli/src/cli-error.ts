/** An error the user can act on: printed as one line, exit 1. */
export class CliError extends Error {}
