import { lazy, Suspense, useLayoutEffect } from "react";
import { useRuntime } from "./api/context.js";
import { type StreamState, useLiveStream } from "./api/stream.js";
import { Loading } from "./components/states.js";
import { navigate, usePath } from "./lib/router.js";
import { themeStorage, useStored } from "./lib/stored.js";
import { AlertsPage } from "./pages/alerts.js";
import { BreakdownPage } from "./pages/breakdown.js";
import { FunnelPage } from "./pages/funnel.js";
import { LakePage } from "./pages/lake.js";
import { OverviewPage } from "./pages/overview.js";
import { PipelinePage } from "./pages/pipeline.js";
import { ProductsPage } from "./pages/products.js";
import { QualityPage } from "./pages/quality.js";
import { SettingsPage } from "./pages/settings.js";

const TopicsPage = lazy(() => import("./pages/topics.js").then((m) => ({ default: m.TopicsPage })));

const dashboardPages = [
  { path: "/", label: "Overview" },
  { path: "/breakdown", label: "Breakdown" },
  { path: "/products", label: "Products" },
  { path: "/funnel", label: "Funnel" },
  { path: "/alerts", label: "Alerts" },
  { path: "/quality", label: "Data quality" },
  { path: "/pipeline", label: "Pipeline" },
  { path: "/lake", label: "Lake" },
  { path: "/settings", label: "Settings" },
];

function useTheme(): [string, () => void] {
  const [stored, setStored] = useStored(themeStorage);
  const prefersDark = window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
  const theme = stored === "light" || stored === "dark" ? stored : prefersDark ? "dark" : "light";
  // before the charts' effects read the theme's colours
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return [theme, () => setStored(theme === "dark" ? "light" : "dark")];
}

const streamLabel: Record<StreamState, string> = {
  connecting: "connecting…",
  live: "live",
  reconnecting: "reconnecting…",
};

function LiveBadge() {
  const state = useLiveStream();
  return (
    <span className={`live ${state}`} data-testid="live-state" data-state={state}>
      <span className="dot" aria-hidden="true" /> {streamLabel[state]}
    </span>
  );
}

function Nav({ pages, path }: { pages: Array<{ path: string; label: string }>; path: string }) {
  const { config } = useRuntime();
  return (
    <nav aria-label="pages">
      {pages.map((page) => (
        <a
          key={page.path}
          href={page.path}
          aria-current={page.path === path ? "page" : undefined}
          onClick={(event) => {
            event.preventDefault();
            navigate(page.path);
          }}
        >
          {page.label}
        </a>
      ))}
      {config.mode === "dashboard" ? (
        <a href={config.consoleUrl} target="_blank" rel="noreferrer" data-testid="console-link">
          Topic console ↗
        </a>
      ) : (
        <a href={config.dashboardUrl} data-testid="dashboard-link">
          Dashboard ↗
        </a>
      )}
    </nav>
  );
}

function DashboardPage({ path, theme }: { path: string; theme: string }) {
  switch (path) {
    case "/breakdown":
      return <BreakdownPage theme={theme} />;
    case "/products":
      return <ProductsPage theme={theme} />;
    case "/funnel":
      return <FunnelPage />;
    case "/alerts":
      return <AlertsPage />;
    case "/quality":
      return <QualityPage theme={theme} />;
    case "/pipeline":
      return <PipelinePage />;
    case "/lake":
      return <LakePage theme={theme} />;
    case "/settings":
      return <SettingsPage />;
    default:
      return <OverviewPage theme={theme} />;
  }
}

export function App() {
  const { config } = useRuntime();
  const path = usePath();
  const [theme, toggleTheme] = useTheme();
  const consoleMode = config.mode === "console";
  return (
    <div className="shell">
      <header className="top">
        <h1>
          ecomstream <span className="sub">{consoleMode ? "topic console" : "dashboard"}</span>
        </h1>
        <Nav pages={consoleMode ? [{ path: "/", label: "Topics" }] : dashboardPages} path={path} />
        <div className="top-right">
          {consoleMode ? null : <LiveBadge />}
          <button type="button" className="theme" onClick={toggleTheme} data-testid="theme-toggle">
            {theme === "dark" ? "Light theme" : "Dark theme"}
          </button>
        </div>
      </header>
      <main>
        {consoleMode ? (
          <Suspense fallback={<Loading what="the topic console" />}>
            <TopicsPage />
          </Suspense>
        ) : (
          <DashboardPage path={path} theme={theme} />
        )}
      </main>
    </div>
  );
}
