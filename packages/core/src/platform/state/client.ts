import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** The state port: a DynamoDB document client, against DynamoDB on AWS or dynalite locally. */
export type Db = DynamoDBDocumentClient;

export const localCredentials = { accessKeyId: "gyre-local", secretAccessKey: "gyre-local" };

/** A document client; with `endpoint`, one for a local DynamoDB (dynalite) with local credentials. */
export function createDocumentClient(
  options: { endpoint?: string; region?: string } & DynamoDBClientConfig = {},
): Db {
  const { endpoint, region, ...config } = options;
  const local = endpoint
    ? { endpoint, region: region ?? "us-east-1", credentials: localCredentials }
    : {};
  return DynamoDBDocumentClient.from(new DynamoDBClient({ ...local, ...config }), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
