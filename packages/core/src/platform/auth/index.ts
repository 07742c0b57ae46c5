export { DynamoTokenStore } from "./dynamo-token-store";
export { FileTokenStore } from "./file-token-store";
export * from "./roles";
export * from "./tokens";
