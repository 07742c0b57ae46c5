import { useState } from "preact/hooks";
import { api, ok } from "../api/client";
import { type Principal, session } from "../api/session";

/** Paste a token once: it is checked with GET /whoami and kept for this browser session only. */
export function SignIn({ onSignedIn }: { onSignedIn(who: Principal): void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    session.keep(token.trim());
    try {
      onSignedIn(await ok(api.GET("/whoami")));
    } catch (failure) {
      session.forget();
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in">
      <h1>Sign in to Gyre</h1>
      <form onSubmit={submit}>
        <label for="token">Token</label>
        <p id="token-help" class="help">
          Create one with <code>npx gyre token create --role approver</code>. It is kept only until
          you close this tab or sign out.
        </p>
        <input
          id="token"
          type="password"
          autoComplete="off"
          aria-describedby="token-help token-error"
          aria-invalid={error ? true : undefined}
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
          required
        />
        <p id="token-error" class="field-error" role="alert">
          {error}
        </p>
        <button type="submit" disabled={busy}>
          {busy ? "Checking…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
