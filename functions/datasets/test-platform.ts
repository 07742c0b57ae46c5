import { startTestPlatform, type TestPlatform } from "@gyre/local/testing";
import { subscriptions } from "../subscriptions";
import { datasetsApi } from "./api";
import { userS3 } from "./test-support";

export interface DatasetsTest {
  platform: TestPlatform;
  app: ReturnType<typeof datasetsApi>;
  s3: ReturnType<typeof userS3>;
  /** GET as a viewer, JSON body. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
  get(path: string): Promise<any>;
}

/** The datasets service on the real local parts: S3 events on the bus, wired to its subscriptions. */
export async function startDatasetsTest(): Promise<DatasetsTest> {
  const platform = await startTestPlatform({
    s3: true,
    subscriptions: subscriptions.filter((s) => s.service === "datasets"),
  });
  const app = datasetsApi({ tokens: platform.tokens });
  return {
    platform,
    app,
    s3: userS3(platform),
    get: async (path) => (await app.request(path, { headers: platform.as.viewer })).json(),
  };
}
