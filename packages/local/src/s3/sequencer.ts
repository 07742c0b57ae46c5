/**
 * S3's `sequencer`: a hex string that is greater for a later event on the same key.
 * Starting from the clock (in microseconds) keeps it increasing across restarts too.
 */
export function createSequencer(now: () => number = Date.now): () => string {
  let last = 0;
  return () => {
    last = Math.max(last + 1, now() * 1000);
    return last.toString(16).padStart(16, "0");
  };
}
