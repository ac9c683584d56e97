import {
  cleanup,
  configure,
  render,
  screen,
  waitFor,
  within,
  type RenderResult,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { afterEach, expect } from 'vitest';
import { AppShell } from '../../../src/client/app/app-shell';
import { createI18n } from '../../../src/client/lib/i18n';
import { AppDb } from '../../../src/client/db/app-db';
import { AppDbProvider } from '../../../src/client/db/app-db-context';
import { SessionProvider, type Session } from '../../../src/client/features/auth/session-context';
import type { ApiConfig } from '../../../src/client/lib/http/api-client';
import { ApiConfigProvider } from '../../../src/client/lib/http/api-config-context';
import type { PublicUser } from '../../../src/shared/auth/auth-protocol';
import { UpdateBanner } from '../../../src/client/features/pwa/components/update-banner';
import type { RegisterServiceWorker } from '../../../src/client/features/pwa/hooks/use-app-update';

// Renders the real app shell (router, screens, forms) over a real (fake-indexeddb) database of
// a commune officer, without the login gate or the sync engine.
export const COMMUNE_CODE = '30730'; // Phường Vĩnh Thanh Vân, Thành phố Rạch Giá

// Two cores run many test files at once; lazy chunks and IndexedDB can take a few seconds.
configure({ asyncUtilTimeout: 5000 });
export const POLL = { timeout: 5000 } as const;

let counter = 0;
const opened: AppDb[] = [];

afterEach(async () => {
  // Vitest runs without globals, so Testing Library cannot register its own cleanup.
  cleanup();
  window.location.hash = '';
  localStorage.clear();
  while (opened.length > 0) await opened.pop()!.delete();
});

export interface AppHarness extends RenderResult {
  db: AppDb;
  i18n: I18n;
  user: ReturnType<typeof userEvent.setup>;
  session: Session;
  rerenderApp: () => void;
}

/** A fresh database for one test (deleted afterwards), to seed before the app is rendered. */
export function freshDb(): AppDb {
  const db = new AppDb(`ui-test-${++counter}-${Math.random()}`);
  opened.push(db);
  return db;
}

export function officer(overrides: Partial<PublicUser> = {}): PublicUser {
  return {
    id: 'officer-1',
    username: 'canbo.vtv',
    displayName: 'Đặng Thị Lan',
    role: 'commune',
    unitCode: COMMUNE_CODE,
    geographyId: 'kien-giang-2024',
    ...overrides,
  };
}

export async function renderApp(
  hash = '#/',
  options: {
    db?: AppDb;
    user?: PublicUser;
    language?: 'vi' | 'en';
    registerSW?: RegisterServiceWorker;
    /** A real token and server, for screens that call the API (the accounts screens). */
    token?: string;
    api?: ApiConfig;
  } = {},
): Promise<AppHarness> {
  const db = options.db ?? freshDb();
  const session: Session = {
    token: options.token ?? 'test-token',
    user: options.user ?? officer(),
    deviceName: 'test',
  };
  window.location.hash = hash;
  const i18n = await createI18n(options.language ?? 'vi');
  const tree = () => (
    <I18nextProvider i18n={i18n}>
      {options.registerSW && <UpdateBanner register={options.registerSW} />}
      <AppDbProvider db={db}>
        <SessionProvider session={session}>
          <ApiConfigProvider api={options.api ?? {}}>
            <AppShell />
          </ApiConfigProvider>
        </SessionProvider>
      </AppDbProvider>
    </I18nextProvider>
  );
  const result = render(tree());
  return {
    ...result,
    db,
    i18n,
    session,
    user: userEvent.setup(),
    rerenderApp: () => result.rerender(tree()),
  };
}

/** The visible error message tied to a form control through aria-describedby. */
export function errorOf(control: HTMLElement): string {
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids
    .map((id) => document.getElementById(id))
    .filter((el): el is HTMLElement => el?.classList.contains('field__error') ?? false)
    .map((el) => el.textContent ?? '')
    .join(' ');
}

/** Waits until the form and its lazily loaded type-specific part are on screen. */
export async function findForm(saveLabel = 'Lưu') {
  const button = await screen.findByRole('button', { name: saveLabel }, { timeout: 5000 });
  await waitFor(() => expect(document.querySelector('[data-loading-section]')).toBeNull(), {
    timeout: 5000,
  });
  return button;
}

export { screen, within };
