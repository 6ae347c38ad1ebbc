import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext, useState } from 'react';
import { Link, Route, Router, Switch, useLocation } from 'wouter';
import { ApiProblem, api, must, useSession } from './api/client';
import { useTexts } from './i18n/texts';
import { AuditScreen } from './screens/AuditScreen';
import { AutomationsScreen } from './screens/AutomationsScreen';
import { IntegrationReportScreen } from './screens/IntegrationReportScreen';
import { IntegrationsScreen } from './screens/IntegrationsScreen';
import { OrderScreen } from './screens/OrderScreen';
import { OrdersScreen } from './screens/OrdersScreen';
import { SignInScreen } from './screens/SignInScreen';
import { SessionContext } from './ui/session';
import { LanguagePicker } from './ui/LanguagePicker';

export function App() {
  const queries = useQueryClient();
  const [ended, setEnded] = useState(false);
  const session = useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        return await must(api.GET('/console/session'));
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 401) return null;
        throw error;
      }
    },
  });
  useSession(session.data ?? undefined, () => {
    setEnded(true);
    queries.setQueryData(['session'], null);
  });

  if (session.isPending) return <p className="loading">…</p>;
  if (!session.data) return <SignInScreen ended={ended} onSignedIn={(s) => (setEnded(false), queries.setQueryData(['session'], s))} />;
  return (
    <SessionContext.Provider value={session.data}>
      <Router base="/console">
        <Shell onSignedOut={() => (queries.clear(), queries.setQueryData(['session'], null))}>
          <Switch>
            <Route path="/" component={IntegrationsScreen} />
            <Route path="/integrations/:id/automations" component={AutomationsScreen} />
            <Route path="/integrations/:id" component={IntegrationReportScreen} />
            <Route path="/orders" component={OrdersScreen} />
            <Route path="/orders/:id" component={OrderScreen} />
            <Route path="/audit" component={AuditScreen} />
          </Switch>
        </Shell>
      </Router>
    </SessionContext.Provider>
  );
}

function Shell({ children, onSignedOut }: { children: React.ReactNode; onSignedOut(): void }) {
  const texts = useTexts();
  const role = useContext(SessionContext)?.role ?? 'viewer';
  const signOut = async () => {
    await api.DELETE('/console/session');
    onSignedOut();
  };
  return (
    <>
      <a className="skip" href="#content">
        {texts.skipToContent}
      </a>
      <header className="top">
        <span className="brand">synchub</span>
        <nav aria-label="main">
          <NavLink href="/" also="/integrations">
            {texts.nav.integrations}
          </NavLink>
          <NavLink href="/orders">{texts.nav.orders}</NavLink>
          <NavLink href="/audit">{texts.nav.audit}</NavLink>
        </nav>
        <span className="who">{texts.signIn.signedInAs(texts.roles[role] ?? role)}</span>
        <LanguagePicker />
        <button type="button" onClick={signOut}>
          {texts.signIn.signOut}
        </button>
      </header>
      <main id="content" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** A main navigation link that tells assistive technology which screen is open. */
function NavLink({ href, also, children }: { href: string; also?: string; children: React.ReactNode }) {
  const [location] = useLocation();
  const current = location === href || location.startsWith(`${href}/`) || (also !== undefined && location.startsWith(also));
  return (
    <Link href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}
