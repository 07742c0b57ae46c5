import * as Deployment from "@gyre/core/deployment/index";
import { createApp } from "@gyre/core/platform/http/app";
import { authedRoute, conflict, notFound } from "@gyre/core/platform/http/route";
import type { Platform } from "@gyre/core/platform/platform";
import { lambdaApi } from "../shared/lambda-api";
import { json, jsonBody, ListQuery, pageOf } from "../shared/schemas";
import {
  DeployBody,
  DeploymentItem,
  DeploymentParam,
  DeploymentsQuery,
  Endpoint,
  EndpointBody,
  EndpointDetail,
  NameParam,
} from "./schemas";

const missing = notFound("No such endpoint or deployment");

/** /endpoints and /deployments: where approved versions serve, and how they got there. */
export function deploymentApi(platform: Platform) {
  const { tokens } = platform;
  const app = createApp();
  const tags = ["deployment"];

  app.openapi(
    authedRoute(tokens, "approver", {
      method: "post",
      path: "/endpoints",
      tags,
      summary: "Create an endpoint for a model; approved versions roll out to it",
      request: jsonBody(EndpointBody),
      responses: { 201: json(Endpoint, "The endpoint"), ...conflict("The name is taken") },
    }),
    async (c) => c.json(await Deployment.createEndpoint(c.req.valid("json"), platform), 201),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/endpoints",
      tags,
      summary: "List endpoints",
      request: { query: ListQuery },
      responses: { 200: json(pageOf(Endpoint), "A page of endpoints") },
    }),
    async (c) => c.json(await Deployment.listEndpoints(c.req.valid("query"), platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/endpoints/{name}",
      tags,
      summary: "One endpoint: its variants, the rollout in progress and the last one",
      request: { params: NameParam },
      responses: { 200: json(EndpointDetail, "The endpoint"), ...missing },
    }),
    async (c) => c.json(await Deployment.getEndpoint(c.req.valid("param").name, platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "approver", {
      method: "put",
      path: "/endpoints/{name}",
      tags,
      summary: "Change an endpoint's settings (the next rollout uses them)",
      request: { params: NameParam, ...jsonBody(EndpointBody) },
      responses: { 200: json(Endpoint, "The endpoint"), ...missing, ...conflict("Another model") },
    }),
    async (c) =>
      c.json(
        await Deployment.replaceEndpoint(c.req.valid("param").name, c.req.valid("json"), platform),
        200,
      ),
  );
  app.openapi(
    authedRoute(tokens, "approver", {
      method: "delete",
      path: "/endpoints/{name}",
      tags,
      summary: "Tear an endpoint down; its record and deployments stay",
      request: { params: NameParam },
      responses: { 200: json(Endpoint, "The deleted endpoint"), ...missing },
    }),
    async (c) => c.json(await Deployment.deleteEndpoint(c.req.valid("param").name, platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "approver", {
      method: "post",
      path: "/endpoints/{name}/deploy",
      tags,
      summary: "Deploy an Approved version now, by the endpoint's rollout",
      request: { params: NameParam, ...jsonBody(DeployBody) },
      responses: {
        201: json(DeploymentItem, "The deployment"),
        ...missing,
        ...conflict("Not Approved, already serving, or a rollout is in progress"),
      },
    }),
    async (c) =>
      c.json(
        await Deployment.deployVersion(
          c.req.valid("param").name,
          c.req.valid("json").version,
          platform,
        ),
        201,
      ),
  );
  app.openapi(
    authedRoute(tokens, "pipeline", {
      method: "post",
      path: "/endpoints/{name}/invocations",
      tags,
      summary: "Invoke the endpoint (any content type, passed through to the model server)",
      description:
        "The body goes to the model server as it is (`text/csv`, `application/json`, ...). The answer carries `x-gyre-variant`, `x-gyre-model-version` and `x-gyre-inference-id`: the id data capture records (the request's own `x-gyre-inference-id`, else a new one), which ground truth joins by (`<id>` for a one-row request, `<id>#<row>` from 0 for more rows).",
      request: { params: NameParam },
      responses: {
        200: { description: "The model server's answer, as it gave it" },
        ...missing,
        ...conflict("The endpoint serves nothing yet"),
      },
    }),
    async (c) => {
      const inferenceId = Deployment.inferenceIdOf(c.req.header("x-gyre-inference-id"));
      const answer = await Deployment.invoke(
        c.req.valid("param").name,
        {
          body: new Uint8Array(await c.req.arrayBuffer()),
          contentType: c.req.header("content-type") ?? "application/octet-stream",
          accept: c.req.header("accept"),
          inferenceId,
        },
        platform,
      );
      return new Response(answer.body, {
        status: answer.status,
        headers: {
          "content-type": answer.contentType,
          "x-gyre-variant": answer.variant,
          "x-gyre-model-version": String(answer.version),
          "x-gyre-inference-id": inferenceId,
        },
      }) as never;
    },
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/deployments",
      tags,
      summary: "List deployments, newest first (optionally of one endpoint)",
      request: { query: DeploymentsQuery },
      responses: { 200: json(pageOf(DeploymentItem), "A page of deployments") },
    }),
    async (c) => c.json(await Deployment.listDeployments(c.req.valid("query"), platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/deployments/{id}",
      tags,
      summary: "One deployment with every step: time, weights, both fleets' numbers",
      request: { params: DeploymentParam },
      responses: { 200: json(DeploymentItem, "The deployment"), ...missing },
    }),
    async (c) => c.json(await Deployment.getDeployment(c.req.valid("param").id, platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "approver", {
      method: "post",
      path: "/deployments/{id}/rollback",
      tags,
      summary: "Roll the serving deployment back to the version before it, at once",
      request: { params: DeploymentParam },
      responses: {
        201: json(DeploymentItem, "The rollback deployment"),
        ...missing,
        ...conflict("Not the serving deployment, or nothing before it"),
      },
    }),
    async (c) =>
      c.json(await Deployment.rollbackDeployment(c.req.valid("param").id, platform), 201),
  );
  return app;
}

export const make = deploymentApi;

/** The Lambda entry point on AWS. */
export const lambda = lambdaApi(make);
