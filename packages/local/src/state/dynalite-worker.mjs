// dynalite on a thread of its own: the platform's code and the local DynamoDB each get a
// core, as they would against the real service. Plain JavaScript, so the thread starts
// without a TypeScript loader. workerData: { path?: string }; posts { port } once listening
// (or { error }), and closes the server when told "close".
import { parentPort, workerData } from "node:worker_threads";
import dynalite from "dynalite";

const server = dynalite({
  ...(workerData.path ? { path: workerData.path } : {}),
  createTableMs: 0,
});
server.once("error", (error) => parentPort.postMessage({ error: String(error) }));
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
parentPort.on("message", (message) => {
  if (message === "close") server.close(() => parentPort.close());
});
