import { useEffect, useState } from "preact/hooks";
import { LocationProvider, Route, Router } from "preact-iso";
import { api, ok } from "./api/client";
import { type Principal, session } from "./api/session";
import { Approvals } from "./pages/approvals";
import { ComparePage } from "./pages/compare";
import { DatasetComparePage, DatasetPage, Datasets } from "./pages/datasets";
import { Endpoints } from "./pages/endpoints";
import { Events } from "./pages/events";
import { FeaturePage } from "./pages/feature";
import { ModelPage, Models } from "./pages/models";
import { Monitoring, ReportPage } from "./pages/monitoring";
import { NotFound } from "./pages/not-found";
import { Overview } from "./pages/overview";
import { Runs } from "./pages/runs";
import { SignIn } from "./pages/sign-in";
import { VersionPage } from "./pages/version";
import { Layout } from "./ui/layout";
import { Loading } from "./ui/states";
import { WhoContext } from "./ui/who";

export function App() {
  const [who, setWho] = useState<Principal | null | undefined>(session.token() ? undefined : null);
  useEffect(() => {
    if (who !== undefined) return;
    ok(api.GET("/whoami"))
      .then(setWho)
      .catch(() => {
        session.forget();
        setWho(null);
      });
  }, [who]);
  if (who === undefined) return <Loading what="your session" />;
  if (who === null) return <SignIn onSignedIn={setWho} />;
  const signOut = () => {
    session.forget();
    setWho(null);
  };
  return (
    <LocationProvider>
      <WhoContext.Provider value={who}>
        <Layout who={who} onSignOut={signOut}>
          <Router>
            <Route path="/" component={Overview} />
            <Route path="/approvals" component={Approvals} />
            <Route path="/approvals/:model/:version" component={Approvals} />
            <Route path="/models" component={Models} />
            <Route path="/models/:name" component={ModelPage} />
            <Route path="/models/:name/versions/:version" component={VersionPage} />
            <Route path="/models/:name/compare/:a/:b" component={ComparePage} />
            <Route path="/endpoints" component={Endpoints} />
            <Route path="/endpoints/:name" component={Endpoints} />
            <Route path="/monitoring" component={Monitoring} />
            <Route path="/monitoring/:id" component={Monitoring} />
            <Route path="/monitoring/reports/:id" component={ReportPage} />
            <Route path="/monitoring/:id/features/:feature" component={FeaturePage} />
            <Route path="/events" component={Events} />
            <Route path="/runs" component={Runs} />
            <Route path="/runs/:id" component={Runs} />
            <Route path="/datasets" component={Datasets} />
            <Route path="/datasets/:name" component={DatasetPage} />
            <Route path="/datasets/:name/compare/:a/:b" component={DatasetComparePage} />
            <Route default component={NotFound} />
          </Router>
        </Layout>
      </WhoContext.Provider>
    </LocationProvider>
  );
}
