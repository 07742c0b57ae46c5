import { events } from "@gyre/functions/events/service";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../testing/index";
import { listen } from "./serve";

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ services: [events] });
});
afterAll(() => platform.close());

const streams = () => platform.bus.ruleNames().filter((name) => name.startsWith("stream_"));

async function openStream(port: number, signal?: AbortSignal) {
  const res = await fetch(`http://127.0.0.1:${port}/events/stream`, {
    headers: platform.as.viewer,
    signal,
  });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  expect(new TextDecoder().decode((await reader.read()).value)).toBe(": following\n\n");
  return reader;
}

describe("the local HTTP server and GET /events/stream", () => {
  it("stops following the bus when the client goes away", async () => {
    const server = await listen(platform.app.fetch, "127.0.0.1", 0);
    const client = new AbortController();
    await openStream(server.port, client.signal);
    expect(streams()).toHaveLength(1);
    client.abort();
    await expect.poll(streams).toEqual([]);
    await server.close();
  });

  it("closes with a stream still open, ending it", async () => {
    const server = await listen(platform.app.fetch, "127.0.0.1", 0);
    const reader = await openStream(server.port);
    await server.close();
    await expect(reader.read()).rejects.toThrow();
    await expect.poll(streams).toEqual([]);
  });
});
