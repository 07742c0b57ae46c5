/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app(input) {
    return {
      name: "gyre",
      home: "aws",
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: input?.stage === "production",
      providers: { aws: { version: "7.20.0" } },
    };
  },
  async run() {
    const { gyreInfrastructure } = await import("./stacks/index");
    const gyre = gyreInfrastructure({
      // The one SST component: it bundles the handler. Everything else is plain Pulumi AWS,
      // so stacks/infra.test.ts can check it under Pulumi's mocks without SST's engine.
      functionFactory: (spec) =>
        new sst.aws.Function(spec.name, {
          handler: spec.handler,
          runtime: spec.runtime,
          timeout: spec.timeout,
          memory: spec.memory,
          storage: spec.storage,
          environment: spec.environment,
          permissions: spec.permissions,
        }),
      staticSiteFactory: (spec) =>
        new sst.aws.StaticSite(spec.name, {
          path: spec.path,
          build: spec.build,
          environment: spec.environment,
        }),
    });
    return gyre.outputs;
  },
});
