import { useEffect, useState } from "preact/hooks";

/**
 * Seconds left until a time the API gave (a bake's end), counted down once a second; the
 * browser decides nothing, it only counts to the API's moment. Nothing when it has passed.
 */
export function Countdown(props: { until: string | null | undefined; label: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!props.until) return null;
  const left = Math.ceil((Date.parse(props.until) - now) / 1000);
  if (left <= 0) return null;
  return (
    <p class="countdown">
      {props.label}: <span role="timer">{left} s</span> left (until{" "}
      {new Date(props.until).toLocaleTimeString()})
    </p>
  );
}
