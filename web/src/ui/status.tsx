const tones: Record<string, { tone: string; icon: string }> = {
  PendingManualApproval: { tone: "wait", icon: "◷" },
  Approved: { tone: "good", icon: "✓" },
  Rejected: { tone: "bad", icon: "✕" },
  SUCCEEDED: { tone: "good", icon: "✓" },
  Succeeded: { tone: "good", icon: "✓" },
  FAILED: { tone: "bad", icon: "✕" },
  Failed: { tone: "bad", icon: "✕" },
  RolledBack: { tone: "bad", icon: "↶" },
  CANCELLED: { tone: "muted", icon: "–" },
  RUNNING: { tone: "busy", icon: "▶" },
  InProgress: { tone: "busy", icon: "▶" },
  ready: { tone: "good", icon: "✓" },
  rejected: { tone: "bad", icon: "✕" },
  deleted: { tone: "muted", icon: "–" },
  drift: { tone: "bad", icon: "▲" },
  "no drift": { tone: "good", icon: "✓" },
  passed: { tone: "good", icon: "✓" },
  holding: { tone: "good", icon: "✓" },
  ok: { tone: "good", icon: "✓" },
  warn: { tone: "wait", icon: "!" },
  degraded: { tone: "bad", icon: "▼" },
  failed: { tone: "bad", icon: "✕" },
};

const labels: Record<string, string> = { PendingManualApproval: "Pending approval" };

/** A status as an icon and its words: the colour only repeats what the text says. */
export function Status({ value }: { value: string }) {
  const { tone, icon } = tones[value] ?? { tone: "busy", icon: "•" };
  return (
    <span class={`status ${tone}`}>
      <span aria-hidden="true">{icon}</span> {labels[value] ?? value}
    </span>
  );
}
