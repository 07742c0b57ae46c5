import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { defaultProvider } from "./lambda-credentials.mjs";

const VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
];
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
afterEach(() => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});
const clear = () => {
  for (const name of VARIABLES) delete process.env[name];
};

describe("the credentials a Lambda bundle uses", () => {
  it("are the execution role's keys Lambda puts in the environment", async () => {
    clear();
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_SESSION_TOKEN: "token",
    });
    expect(await defaultProvider()()).toMatchObject({
      accessKeyId: "AKIDEXAMPLE",
      secretAccessKey: "secret",
      sessionToken: "token",
    });
  });

  it("come from the container endpoint when the environment has no keys", async () => {
    clear();
    const server = createServer((_, res) => {
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          AccessKeyId: "AKIDCONTAINER",
          SecretAccessKey: "secret",
          Token: "token",
          Expiration: new Date(Date.now() + 3_600_000).toISOString(),
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `http://127.0.0.1:${port}/credentials`;
      expect(await defaultProvider()()).toMatchObject({ accessKeyId: "AKIDCONTAINER" });
    } finally {
      server.close();
    }
  });

  it("fail with the providers' reason when neither is there", async () => {
    clear();
    await expect(defaultProvider()()).rejects.toThrow(/AWS_CONTAINER_CREDENTIALS/);
  });
});
