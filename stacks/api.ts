import { type ServiceApi, withTokenLookup } from "../functions/wiring";
import { type FunctionContext, makeFunction, pascal } from "./functions";
import { consoleCors } from "./web";

/** The HTTP API: each service's prefixes (and `prefix/{proxy+}`) and exact routes go to its function. */
export function gyreApi(apis: ServiceApi[], context: FunctionContext) {
  const api = new aws.apigatewayv2.Api("GyreApi", {
    protocolType: "HTTP",
    corsConfiguration: consoleCors,
  });
  new aws.apigatewayv2.Stage("GyreApiStage", { apiId: api.id, name: "$default", autoDeploy: true });
  const routes: Record<string, aws.apigatewayv2.Route> = {};
  for (const service of apis) {
    const name = `${pascal(service.service)}Api`;
    const fn = makeFunction(context, {
      name,
      service: service.service,
      module: service.handler,
      access: withTokenLookup(service.access),
      timeoutSeconds: 29,
    });
    const integration = new aws.apigatewayv2.Integration(`${name}Integration`, {
      apiId: api.id,
      integrationType: "AWS_PROXY",
      integrationUri: fn.arn,
      payloadFormatVersion: "2.0",
    });
    new aws.lambda.Permission(`${name}Invoke`, {
      action: "lambda:InvokeFunction",
      function: fn.name,
      principal: "apigateway.amazonaws.com",
      sourceArn: $util.interpolate`${api.executionArn}/*/*`,
    });
    for (const routeKey of routeKeysOf(service)) {
      if (routes[routeKey]) throw new Error(`Two APIs claim the route ${routeKey}.`);
      routes[routeKey] = new aws.apigatewayv2.Route(`${name}Route${pascal(routeKey)}`, {
        apiId: api.id,
        routeKey,
        target: $util.interpolate`integrations/${integration.id}`,
      });
    }
  }
  return { api, routes, url: api.apiEndpoint };
}

export function routeKeysOf(service: ServiceApi): string[] {
  const prefixes = service.prefixes.flatMap((prefix) => [
    `ANY ${prefix}`,
    `ANY ${prefix}/{proxy+}`,
  ]);
  return [...prefixes, ...(service.routes ?? [])];
}
