import { useState } from "react";
import { useRuntime } from "../api/context.js";
import { apiKeyStorage, useStored } from "../lib/stored.js";

export function SettingsPage() {
  const { config } = useRuntime();
  const [apiKey, setApiKey] = useStored(apiKeyStorage);
  const [draft, setDraft] = useState(apiKey ?? "");
  const [saved, setSaved] = useState(false);
  return (
    <section className="page" aria-labelledby="settings-title">
      <header className="page-head">
        <h2 id="settings-title">Settings</h2>
      </header>
      <form
        className="settings"
        onSubmit={(event) => {
          event.preventDefault();
          setApiKey(draft.trim() === "" ? null : draft.trim());
          setSaved(true);
        }}
      >
        <label>
          API key <span className="sub">(ECOM_API_KEY; kept in this browser only, sent as x-api-key)</span>
          <input
            type="password"
            autoComplete="off"
            value={draft}
            data-testid="api-key"
            onChange={(event) => {
              setDraft(event.target.value);
              setSaved(false);
            }}
          />
        </label>
        <div className="row">
          <button type="submit" data-testid="save-api-key">
            Save
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft("");
              setApiKey(null);
              setSaved(true);
            }}
          >
            Forget
          </button>
          {saved ? (
            <span className="sub" role="status" data-testid="api-key-saved">
              {apiKey ? "saved" : "forgotten"}
            </span>
          ) : null}
        </div>
      </form>
      <dl className="facts">
        <dt>API</dt>
        <dd>
          <a href={new URL("/docs", config.apiUrl).href} target="_blank" rel="noreferrer">
            {config.apiUrl}
          </a>
        </dd>
        <dt>Topic console</dt>
        <dd>
          <a href={config.consoleUrl} target="_blank" rel="noreferrer">
            {config.consoleUrl}
          </a>
        </dd>
      </dl>
    </section>
  );
}
