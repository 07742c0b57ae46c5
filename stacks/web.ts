/** Everything stacks/ decides about the console's site; sst.config.ts hands it to sst.aws.StaticSite. */
export interface StaticSiteSpec {
  name: string;
  /** The workspace that builds it, from the repository root. */
  path: string;
  build: { command: string; output: string };
  /** Read by Vite at build time: the console calls the HTTP API at this URL. */
  environment: { VITE_GYRE_API_URL: $util.Input<string> };
}

export interface DeployedSite {
  url: $util.Output<string>;
}

export type StaticSiteFactory = (spec: StaticSiteSpec) => DeployedSite;

/**
 * The console as a static site (S3 behind CloudFront, from SST) pointing at the HTTP API. Its
 * unknown paths answer index.html (StaticSite's default error page), so deep links reload.
 */
export function gyreConsole(apiUrl: $util.Input<string>, factory: StaticSiteFactory): DeployedSite {
  return factory({
    name: "GyreConsole",
    path: "web",
    build: { command: "npm run build -- --force", output: "dist" },
    environment: { VITE_GYRE_API_URL: apiUrl },
  });
}

/**
 * The console is served from another origin than the API: browsers may call the API from any
 * origin with a bearer token (no cookies, so no credentials mode), and read its answers.
 */
export const consoleCors = {
  allowOrigins: ["*"],
  allowMethods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
  allowHeaders: ["authorization", "content-type", "x-correlation-id", "accept"],
  exposeHeaders: ["x-gyre-variant", "x-gyre-model-version"],
  maxAge: 3600,
};
