// The API's types, generated once by `npm run api:types` into the CLI's package: one copy.
export type * from "../../packages/cli/src/api-types";
