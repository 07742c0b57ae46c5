import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { type LiveMode, onLiveMode } from "../api/live";
import type { Principal } from "../api/session";

const pages = [
  ["/", "Overview"],
  ["/approvals", "Approvals"],
  ["/models", "Models"],
  ["/endpoints", "Endpoints"],
  ["/monitoring", "Monitoring"],
  ["/events", "Events"],
  ["/runs", "Runs"],
  ["/datasets", "Datasets"],
] as const;

const liveWords: Record<LiveMode, string> = {
  connecting: "Connecting…",
  streaming: "Live (stream)",
  polling: "Live (polling)",
};

function LiveBadge() {
  const [mode, setMode] = useState<LiveMode>("connecting");
  useEffect(() => onLiveMode(setMode), []);
  return <span class={`live ${mode}`}>{liveWords[mode]}</span>;
}

const current = (path: string, href: string) =>
  href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);

export function Layout(props: { who: Principal; onSignOut(): void; children: ComponentChildren }) {
  const { path } = useLocation();
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="/">
          Gyre
        </a>
        <nav aria-label="Pages">
          <ul class="pages">
            {pages.map(([href, label]) => (
              <li key={href}>
                <a href={href} aria-current={current(path, href) ? "page" : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <LiveBadge />
          <span>
            {props.who.name} <span class="role">({props.who.role})</span>
          </span>
          <button type="button" class="quiet" onClick={props.onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
