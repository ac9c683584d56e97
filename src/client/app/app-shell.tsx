import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppTexts } from '../lib/use-app-texts';
import { hrefFor, useRoute, type Route } from '../lib/router';
import { ErrorBoundary } from './error-boundary';
import { OnlineIndicator } from '../features/pwa/components/online-indicator';
import { HomeScreen } from '../features/activities/screens/home-screen';
import { requestPersistenceOnce } from '../features/pwa/persist-once';
import { keepFocusClearOfBars } from '../lib/reveal-field';

// Only the home screen is in the entry chunk; the other screens are lazy (and precached).
const ActivityListScreen = lazy(() =>
  import('../features/activities/screens/activity-list-screen').then((m) => ({
    default: m.ActivityListScreen,
  })),
);
const ActivityDetailScreen = lazy(() =>
  import('../features/activities/screens/activity-detail-screen').then((m) => ({
    default: m.ActivityDetailScreen,
  })),
);
const ActivityFormScreen = lazy(() =>
  import('../features/activities/screens/activity-form-screen').then((m) => ({
    default: m.ActivityFormScreen,
  })),
);
const SettingsScreen = lazy(() =>
  import('../features/settings/components/settings-screen').then((m) => ({
    default: m.SettingsScreen,
  })),
);

const AccountsScreen = lazy(() =>
  import('../features/accounts/screens/accounts-screen').then((m) => ({
    default: m.AccountsScreen,
  })),
);
const AccountDetailScreen = lazy(() =>
  import('../features/accounts/screens/account-detail-screen').then((m) => ({
    default: m.AccountDetailScreen,
  })),
);
const AuditLogScreen = lazy(() =>
  import('../features/accounts/screens/audit-log-screen').then((m) => ({
    default: m.AuditLogScreen,
  })),
);
const AgenciesScreen = lazy(() =>
  import('../features/accounts/screens/agencies-screen').then((m) => ({
    default: m.AgenciesScreen,
  })),
);
const MyDevicesScreen = lazy(() =>
  import('../features/accounts/screens/my-devices-screen').then((m) => ({
    default: m.MyDevicesScreen,
  })),
);
const ChangePasswordScreen = lazy(() =>
  import('../features/accounts/screens/change-password-screen').then((m) => ({
    default: m.ChangePasswordScreen,
  })),
);

const ReportScreen = lazy(() =>
  import('../features/reports/screens/report-screen').then((m) => ({
    default: m.ReportScreen,
  })),
);

const TargetsScreen = lazy(() =>
  import('../features/reports/screens/targets-screen').then((m) => ({
    default: m.TargetsScreen,
  })),
);

const RecordsScreen = lazy(() =>
  import('../features/reports/screens/records-screen').then((m) => ({
    default: m.RecordsScreen,
  })),
);
const RecordScreen = lazy(() =>
  import('../features/reports/screens/record-screen').then((m) => ({
    default: m.RecordScreen,
  })),
);

const ReportPrintScreen = lazy(() =>
  import('../features/reports/screens/report-print-screen').then((m) => ({
    default: m.ReportPrintScreen,
  })),
);

function Screen({ route }: { route: Route }) {
  const { t } = useTranslation();
  switch (route.name) {
    case 'home':
      return <HomeScreen />;
    case 'list':
      return <ActivityListScreen route={route} />;
    case 'new':
      return (
        <ActivityFormScreen
          key={`new-${route.type}-${route.id ?? ''}`}
          mode="new"
          type={route.type}
          id={route.id}
        />
      );
    case 'edit':
      return <ActivityFormScreen key={`edit-${route.id}`} mode="edit" id={route.id} />;
    case 'detail':
      return <ActivityDetailScreen id={route.id} />;
    case 'settings':
      return <SettingsScreen />;
    case 'accounts':
      return <AccountsScreen />;
    case 'account':
      return <AccountDetailScreen key={route.id} id={route.id} />;
    case 'auditLog':
      return <AuditLogScreen />;
    case 'agencies':
      return <AgenciesScreen />;
    case 'devices':
      return <MyDevicesScreen />;
    case 'password':
      return <ChangePasswordScreen />;
    case 'reports': {
      const { name: _name, ...params } = route;
      return <ReportScreen params={params} />;
    }
    case 'reportPrint': {
      const { name: _name, ...params } = route;
      return <ReportPrintScreen params={params} />;
    }
    case 'targets': {
      const { name: _name, ...params } = route;
      return <TargetsScreen params={params} />;
    }
    case 'records': {
      const { name: _name, ...params } = route;
      return <RecordsScreen params={params} />;
    }
    case 'record':
      return <RecordScreen key={route.id} id={route.id} />;
    case 'notFound':
      return <p className="notice">{t('app.notFound')}</p>;
  }
}

// Each item's icon: SVG path data on a 24 × 24 grid, stroked (no icon font, no emoji).
const NAV: { route: Route; label: string; match: Route['name'][]; icon: string }[] = [
  {
    route: { name: 'home' },
    label: 'nav.home',
    match: ['home'],
    icon: 'M3 11l9-7 9 7M5 9.5V20h5v-6h4v6h5V9.5',
  },
  {
    route: { name: 'list' },
    label: 'nav.list',
    match: ['list', 'detail', 'edit', 'new'],
    icon: 'M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01',
  },
  {
    route: { name: 'reports' },
    label: 'reports.nav',
    match: ['reports', 'reportPrint', 'targets', 'records', 'record'],
    icon: 'M4 20h16M7 16v-5M12 16V6M17 16v-8',
  },
  {
    route: { name: 'settings' },
    label: 'nav.settings',
    match: ['settings', 'accounts', 'account', 'auditLog', 'agencies', 'devices', 'password'],
    icon: 'M4 7h10M18 7h2M4 17h4M12 17h8M16 5v4M10 15v4',
  },
];

/** Screens of tables, given a desktop window's width. */
const WIDE_SCREENS = new Set<Route['name']>(['reports', 'targets', 'records', 'record']);

/** Header, the current screen, and the bottom navigation (in thumb reach on a phone). */
export function AppShell() {
  useAppTexts();
  const { t } = useTranslation();
  const route = useRoute();

  useEffect(() => {
    void requestPersistenceOnce();
  }, []);
  // Tab never leaves the focused box under the app bar, the save bar or the menu.
  useEffect(() => keepFocusClearOfBars(), []);

  // A new screen starts at its top, and screen readers hear its content (not the old screen's).
  // Focusing <main> must not scroll it under the sticky app bar (the page would open 65 px down,
  // hiding the top of the sync card): focus without scrolling, then go to the very top.
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
    if (document.scrollingElement) document.scrollingElement.scrollTop = 0;
  }, [route.name]);

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="shell__header">
        <a className="shell__title" href={hrefFor({ name: 'home' })}>
          {t('app.shortName')}
        </a>
        <OnlineIndicator />
      </header>
      <main
        id="main"
        className={WIDE_SCREENS.has(route.name) ? 'shell__main shell__main--wide' : 'shell__main'}
        tabIndex={-1}
      >
        <ErrorBoundary key={route.name}>
          <Suspense fallback={<p className="notice">{t('app.loading')}</p>}>
            <Screen route={route} />
          </Suspense>
        </ErrorBoundary>
      </main>
      <nav className="shell__nav" aria-label={t('nav.main')}>
        {NAV.map((item) => {
          const current = item.match.includes(route.name);
          return (
            <a
              key={item.label}
              href={hrefFor(item.route)}
              className="shell__nav-item"
              aria-current={current ? 'page' : undefined}
            >
              <svg
                className="shell__nav-icon"
                viewBox="0 0 24 24"
                aria-hidden="true"
                focusable="false"
              >
                <path d={item.icon} />
              </svg>
              <span className="shell__nav-label">{t(item.label)}</span>
            </a>
          );
        })}
      </nav>
    </div>
  );
}
