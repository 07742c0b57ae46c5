import { invokeEndpoint } from "../deployment/invocation";

const ROWS_PER_CALL = 100;

/** Sends a CSV's rows to the endpoint, header first in every call; the model versions that answered. */
export async function sendRows(
  api: { url: string; token: string },
  endpoint: string,
  csv: string,
): Promise<Set<string>> {
  const [header, ...rows] = csv.trimEnd().split("\n");
  const versions = new Set<string>();
  for (let i = 0; i < rows.length; i += ROWS_PER_CALL) {
    const body = `${header}\n${rows.slice(i, i + ROWS_PER_CALL).join("\n")}\n`;
    const answer = await invokeEndpoint(api, endpoint, { body, contentType: "text/csv" });
    if (answer.version) versions.add(answer.version);
  }
  return versions;
}
