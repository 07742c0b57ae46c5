/**
 * The churn model server, speaking SageMaker's container contract (GET /ping, POST /invocations):
 *   SM_MODEL_DIR=<dir or s3://bucket/prefix/> npx tsx examples/churn/serve.ts
 * It listens on SAGEMAKER_BIND_TO_PORT (else GYRE_SERVE_PORT, else 8080).
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import type { ChurnModel } from "./model";
import { predict } from "./model";
import {
  BadRequest,
  failsAt,
  formatPredictions,
  parseRows,
  readSwitches,
  type Switches,
  shifted,
} from "./serving";

/** SageMaker's limit for a real-time request. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;
const log = (line: string) => console.log(`[serve] ${line}`);

let loaded: { model: ChurnModel; switches: Switches } | undefined;
let invocations = 0;

const server = createServer((request, response) => {
  handle(request, response).catch((error: Error) => {
    if (!(error instanceof BadRequest)) log(`error: ${error.stack ?? error.message}`);
    const status = error instanceof BadRequest ? error.status : 500;
    send(response, status, "application/json", JSON.stringify({ error: error.message }));
  });
});

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = request.url?.split("?")[0];
  if (request.method === "GET" && path === "/ping") {
    if (loaded?.switches.slowPing) return; // never answers: the preflight demo
    if (!loaded) return send(response, 503, "application/json", '{"status":"loading"}');
    return send(response, 200, "application/json", '{"status":"ready"}');
  }
  if (request.method !== "POST" || path !== "/invocations") {
    return send(response, 404, "application/json", '{"error":"GET /ping or POST /invocations"}');
  }
  const body = await readBody(request);
  if (!loaded) return send(response, 503, "application/json", '{"error":"the model is loading"}');
  const { model, switches } = loaded;
  if (failsAt(++invocations, switches.failServing)) {
    const message = `failing on purpose (failServing=${switches.failServing})`;
    return send(response, 500, "application/json", JSON.stringify({ error: message }));
  }
  const rows = parseRows(model, body, request.headers["content-type"]);
  const answer = formatPredictions(
    shifted(predict(model, rows), switches.predictionShift),
    request.headers.accept,
  );
  send(response, 200, answer.contentType, answer.body);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new BadRequest(`the body is over ${MAX_BODY_BYTES} bytes`, 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  response.end(body);
}

/** SM_MODEL_DIR: the directory with what the trainer wrote under model/, or the s3:// prefix of it. */
async function loadModel(location: string): Promise<ChurnModel> {
  const source = location.startsWith("s3://")
    ? `${location.replace(/\/?$/, "/")}model.json`
    : join(location, "model.json");
  const model = JSON.parse(await readText(source)) as ChurnModel;
  if (model.format !== "gyre.tabular-classifier/v1") {
    throw new Error(
      `${source} is not a gyre.tabular-classifier/v1 model (format: ${model.format})`,
    );
  }
  return model;
}

/** A local file, or an S3 object through the SDK (AWS_ENDPOINT_URL_S3 locally). */
async function readText(source: string): Promise<string> {
  if (!source.startsWith("s3://")) {
    return readFile(source, "utf8").catch((error: Error) => {
      throw new Error(`cannot read ${source}: ${error.message}`);
    });
  }
  const { readObjects } = await import("./s3io");
  for await (const object of readObjects(source)) return object.text;
  throw new Error(`cannot read ${source}`);
}

const port = Number(process.env.SAGEMAKER_BIND_TO_PORT || process.env.GYRE_SERVE_PORT || 8080);
const host = process.env.GYRE_SERVE_HOST || "0.0.0.0";
const modelDir = process.env.SM_MODEL_DIR || "/opt/ml/model";

server.on("error", (error) => {
  console.error(`[serve] failed: ${error.message}`);
  process.exit(1);
});
server.listen(port, host, () => log(`listening on http://${host}:${port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));

loadModel(modelDir)
  .then((model) => {
    const switches = readSwitches(model, process.env);
    loaded = { model, switches };
    log(
      `loaded ${model.model.kind} of run ${model.runId} from ${modelDir}: ${JSON.stringify(switches)}`,
    );
  })
  .catch((error: Error) => {
    console.error(`[serve] failed: ${error.message}`);
    process.exit(1);
  });
