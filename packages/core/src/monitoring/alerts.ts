/** How long one webhook may take before Gyre stops waiting for it. */
const WEBHOOK_TIMEOUT_MS = 5_000;

/** An alert target: an https URL, or http on this machine (for local development). */
export const isWebhook = (target: string) =>
  /^https:\/\/[^\s]+$/.test(target) ||
  /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/[^\s]*$/.test(target);

/**
 * Posts an alert (`{detailType, detail}` as JSON) to each of the monitor's webhooks, all at
 * once, each given 5 s. A target that fails or is slow is logged and left: the bus event is
 * the record, the webhook a courtesy, sent once.
 */
export async function sendAlerts(
  targets: string[],
  alert: { detailType: string; detail: unknown },
  log: (line: string) => void = console.error,
): Promise<void> {
  await Promise.all(
    targets.filter(isWebhook).map(async (url) => {
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", "user-agent": "gyre-monitoring" },
          body: JSON.stringify(alert),
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        await res.arrayBuffer();
        if (!res.ok) log(`alert to ${url}: HTTP ${res.status}`);
      } catch (error) {
        log(`alert to ${url} failed: ${(error as Error).message}`);
      }
    }),
  );
}
