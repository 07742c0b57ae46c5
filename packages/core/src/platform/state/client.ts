import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * The state port: a DynamoDB document client. On AWS it talks to DynamoDB; locally
 * `GYRE_DYNAMODB_ENDPOINT` points it at the embedded dynalite. The code is the same.
 */
export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  const endpoint = process.env.GYRE_DYNAMODB_ENDPOINT;
  const local = endpoint
    ? { endpoint, region: process.env.AWS_REGION ?? "us-east-1", credentials: localCredentials }
    : {};
  return DynamoDBDocumentClient.from(new DynamoDBClient({ ...local, ...config }), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export const localCredentials = { accessKeyId: "gyre-local", secretAccessKey: "gyre-local" };

let shared: DynamoDBDocumentClient | undefined;

/** One client per process, created on first use (handlers reuse it across invocations). */
export function documentClient(): DynamoDBDocumentClient {
  shared ??= createDocumentClient();
  return shared;
}
