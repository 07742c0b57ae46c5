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
    const { writeLambdaEntry } = await import("./functions/bundling/entry");
    const gyre = gyreInfrastructure({
      // The one SST component: it bundles the handler's generated entry, written here first.
      // Everything else is plain Pulumi AWS, so stacks/infra.test.ts can check it under
      // Pulumi's mocks without SST's engine.
      functionFactory: (spec) => {
        writeLambdaEntry(process.cwd(), spec.entry);
        return new sst.aws.Function(spec.name, {
          handler: spec.handler,
          nodejs: spec.nodejs,
          runtime: spec.runtime,
          timeout: spec.timeout,
          memory: spec.memory,
          storage: spec.storage,
          environment: spec.environment,
          permissions: spec.permissions,
        });
      },
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
