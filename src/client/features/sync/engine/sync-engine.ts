import { liveQuery, type Subscription } from 'dexie';
import type { AppDb } from '../../../db/app-db';
import type { PublicUser } from '../../../../shared/auth/auth-protocol';
import { noteAccountMoved, sameScope } from './account-change';
import { countUnsynced } from '../../../db/unsynced-count';
import type { ApiConfig } from '../../../lib/http/api-client';
import { countRejected } from '../outbox/outbox';
import { ApiError } from '../../../lib/http/api-error';
import { requestAppUpdate } from '../../../lib/request-app-update';
import { listenForBackgroundSync, registerBackgroundSync } from './background-sync';
import { pullAll, pushOutbox, type CycleOptions, type EarlyPage } from './sync-cycle';
import { pullChanges } from '../http/sync-http';
import { INITIAL_CURSOR, MAX_PULL_LIMIT } from '../../../../shared/sync/sync-protocol';
import { syncLockName, withSyncLock } from './sync-lock';
import {
  SyncStateStore,
  type SyncErrorInfo,
  type SyncState,
  type SyncStateListener,
} from './sync-state';

const LAST_SYNCED_KEY = 'lastSyncedAt';

export interface SyncEngineOptions extends Pick<
  CycleOptions,
  'maxBatch' | 'pullLimit' | 'maxBatchBytes'
> {
  db: AppDb;
  userId: string;
  token: string;
  api?: ApiConfig;
  /** The signed-in account, as the phone knows it. */
  user?: PublicUser;
  /**
   * An administrator moved the account (seen in a pull): the new scope, for the session. The
   * officer has been told by a sync notice; unsynced work stays queued.
   */
  onAccountChanged?: (user: PublicUser) => void;
  /** Called once when the server refuses the token; local data is left as it is. */
  onSessionExpired?: () => void;
  /**
   * A login just happened: start() asks for the first pull page from the beginning at once,
   * before the database is open (at 4× CPU that open takes most of a second). A new phone
   * uses it; a phone that already has a cursor ignores it and pulls from its cursor.
   */
  pullAtStart?: boolean;
  /** First retry delay after a failure; doubles per failure up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Pull others' changes this often while the page is visible; 0 turns it off. */
  periodicMs?: number;
  /** Delay that merges a burst of saves into one sync. */
  saveDebounceMs?: number;
  random?: () => number;
  /**
   * A pull met data this app version does not know: look for the app's update now. Defaults to
   * asking the service worker (lib/request-app-update.ts).
   */
  requestAppUpdate?: () => void;
}

export type SyncRunResult =
  { ok: true } | { ok: false; error: SyncErrorInfo; retryInMs: number | null };

/**
 * Drains the outbox and pulls, whenever there is reason to: start-up, after each save, the
 * `online` event, the page becoming visible, the "Đồng bộ" button, a backoff timer after a
 * failure, a periodic timer, and Background Sync. Never gives up on a queued change.
 */
export class SyncEngine {
  readonly state = new SyncStateStore();
  private token: string;
  private user: PublicUser | undefined;
  private running: Promise<SyncRunResult> | null = null;
  private again = false;
  private started = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private cleanups: (() => void)[] = [];
  private earlyPage: EarlyPage | null = null;
  private askedEarly = false;

  constructor(private readonly options: SyncEngineOptions) {
    this.token = options.token;
    this.user = options.user;
  }

  getState = (): SyncState => this.state.get();

  subscribe = (listener: SyncStateListener): (() => void) => this.state.subscribe(listener);

  start(): void {
    if (this.started) return;
    this.started = true;
    const { db } = this.options;
    if (
      this.options.pullAtStart &&
      !this.askedEarly &&
      this.state.get().phase !== 'session-expired'
    ) {
      this.askedEarly = true;
      const api = { ...this.options.api, token: this.token };
      const limit = this.options.pullLimit ?? MAX_PULL_LIMIT;
      const page = pullChanges(api, INITIAL_CURSOR, limit, true);
      // Awaited only if used; a failure then surfaces through the sync that uses it.
      page.catch(() => undefined);
      this.earlyPage = { since: INITIAL_CURSOR, page };
    }
    this.state.update({
      online: typeof navigator === 'undefined' ? true : navigator.onLine !== false,
    });
    void db.meta.get(LAST_SYNCED_KEY).then(
      (row) => typeof row?.value === 'string' && this.state.update({ lastSyncedAt: row.value }),
      () => undefined,
    );
    this.watchCounts();
    this.cleanups.push(db.onLocalChange(() => this.onLocalSave()));
    this.cleanups.push(listenForBackgroundSync(() => this.requestSync()));
    if (typeof window !== 'undefined') {
      const online = () => {
        this.state.update({ online: true });
        this.requestSync();
      };
      const offline = () => this.state.update({ online: false });
      const visible = () => document.visibilityState === 'visible' && this.requestSync();
      window.addEventListener('online', online);
      window.addEventListener('offline', offline);
      document.addEventListener('visibilitychange', visible);
      this.cleanups.push(() => {
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
        document.removeEventListener('visibilitychange', visible);
      });
    }
    const periodicMs = this.options.periodicMs ?? 5 * 60_000;
    if (periodicMs > 0) {
      const timer = setInterval(() => {
        if (typeof document === 'undefined' || document.visibilityState === 'visible')
          this.requestSync();
      }, periodicMs);
      this.cleanups.push(() => clearInterval(timer));
    }
    this.requestSync();
  }

  stop(): void {
    this.started = false;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.clearTimers();
  }

  /** Fire and forget: schedules a sync (merged with one already running). */
  requestSync(): void {
    void this.syncNow();
  }

  /** Runs a sync now, or joins the running one and runs once more after it. */
  syncNow(): Promise<SyncRunResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let result: SyncRunResult;
      do {
        this.again = false;
        result = await withSyncLock(syncLockName(this.options.userId), () => this.runOnce());
      } while (this.again && result.ok);
      return result;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The stored session is already known to be expired: do not try until setToken(). */
  markSessionExpired(): void {
    const at = new Date().toISOString();
    this.clearRetryTimer();
    this.state.update({
      phase: 'session-expired',
      lastError: { kind: 'unauthorized', messageKey: 'sync.error.unauthorized', detail: '', at },
    });
  }

  /** After a new login of the same user: resume with the new token. */
  setToken(token: string): void {
    this.token = token;
    if (this.state.get().phase === 'session-expired')
      this.state.update({ phase: 'idle', lastError: null });
    this.requestSync();
  }

  /** Resolves when no sync is running (tests, logout). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private async runOnce(): Promise<SyncRunResult> {
    if (this.state.get().phase === 'session-expired') {
      return { ok: false, error: this.state.get().lastError!, retryInMs: null };
    }
    this.clearRetryTimer();
    const { db } = this.options;
    const api = { ...this.options.api, token: this.token };
    // The page asked for at start serves the first sync only, used or not.
    const firstPage = this.earlyPage ?? undefined;
    this.earlyPage = null;
    try {
      this.state.update({ phase: 'pushing', progress: null, nextRetryAt: null });
      // The cycle is in the signed-in chunk with the engine (not a chunk of its own loaded here):
      // a new phone's first pull must not wait for one more chunk after login.
      const { waitingForPhotos } = await pushOutbox(db, api, {
        ...this.options,
        onPushProgress: (done, total) => this.state.update({ progress: { done, total } }),
        onPhotoProgress: (photoUpload) => this.state.update({ photoUpload }),
      });
      this.state.update({ waitingForPhotos });
      this.state.update({ phase: 'pulling', progress: null, pulled: 0, pullTotal: null });
      let account: PublicUser | undefined;
      const { unknownCollection } = await pullAll(db, api, {
        ...this.options,
        firstPage,
        onPulled: (pulled, pullTotal) => this.state.update({ pulled, pullTotal }),
        onAccount: (user) => (account = user),
      });
      if (account) await this.takeAccount(account);
      // Everything up to the unknown data is applied and pushing goes on; the rest waits for the
      // updated app, which pulls on from the saved cursor.
      const needsAppUpdate = unknownCollection !== null;
      if (needsAppUpdate && !this.state.get().needsAppUpdate) {
        (this.options.requestAppUpdate ?? (() => void requestAppUpdate()))();
      }
      const at = new Date().toISOString();
      await db.meta.put({ key: LAST_SYNCED_KEY, value: at });
      this.failures = 0;
      this.state.update({
        phase: 'idle',
        progress: null,
        lastSyncedAt: at,
        lastError: null,
        online: true,
        needsAppUpdate,
      });
      await this.refreshCounts();
      return { ok: true };
    } catch (error) {
      return this.onFailure(error);
    }
  }

  private async takeAccount(account: PublicUser): Promise<void> {
    const before = this.user;
    this.user = account;
    if (!before || sameScope(before, account)) return;
    // Records the old unit refused go again, in one more round of this sync.
    if ((await noteAccountMoved(this.options.db, before, account)) > 0) this.again = true;
    this.options.onAccountChanged?.(account);
  }

  private onFailure(error: unknown): SyncRunResult {
    const info = errorInfo(error);
    if (error instanceof ApiError && error.kind === 'unauthorized') {
      this.state.update({
        phase: 'session-expired',
        progress: null,
        lastError: info,
        nextRetryAt: null,
      });
      this.options.onSessionExpired?.();
      return { ok: false, error: info, retryInMs: null };
    }
    if (!(error instanceof ApiError)) console.error('Sync failed', error);
    this.failures += 1;
    const base = this.options.baseBackoffMs ?? 2_000;
    const cap = this.options.maxBackoffMs ?? 5 * 60_000;
    const exponential = Math.min(cap, base * 2 ** Math.min(this.failures - 1, 20));
    // Jitter spreads the retries of many phones that lost the same network at the same time.
    let delay = exponential * (0.5 + 0.5 * (this.options.random ?? Math.random)());
    if (error instanceof ApiError && error.retryAfterMs !== null)
      delay = Math.max(delay, error.retryAfterMs);
    this.state.update({
      phase: 'waiting-retry',
      progress: null,
      lastError: info,
      nextRetryAt: new Date(Date.now() + delay).toISOString(),
      ...(error instanceof ApiError && error.kind === 'network'
        ? { online: typeof navigator === 'undefined' || navigator.onLine !== false }
        : {}),
    });
    if (this.started) {
      this.clearRetryTimer();
      this.retryTimer = setTimeout(() => this.requestSync(), delay);
    }
    void this.refreshCounts();
    return { ok: false, error: info, retryInMs: delay };
  }

  private onLocalSave(): void {
    void registerBackgroundSync();
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      this.requestSync();
    }, this.options.saveDebounceMs ?? 300);
  }

  // Counts follow the database, whichever tab changed it (liveQuery observes other tabs too).
  private watchCounts(): void {
    const { db } = this.options;
    const subscription: Subscription = liveQuery(() =>
      Promise.all([countUnsynced(db), countRejected(db)]),
    ).subscribe({
      next: ([unsyncedCount, rejectedCount]) => this.state.update({ unsyncedCount, rejectedCount }),
      error: () => undefined,
    });
    this.cleanups.push(() => subscription.unsubscribe());
  }

  private async refreshCounts(): Promise<void> {
    const { db } = this.options;
    try {
      const [unsyncedCount, rejectedCount] = await Promise.all([
        countUnsynced(db),
        countRejected(db),
      ]);
      this.state.update({ unsyncedCount, rejectedCount });
    } catch {
      // The counts are informative; a closed database is reopened by the next operation.
    }
  }

  private clearRetryTimer(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private clearTimers(): void {
    this.clearRetryTimer();
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = null;
  }
}

function errorInfo(error: unknown): SyncErrorInfo {
  const at = new Date().toISOString();
  if (error instanceof ApiError) {
    const busy =
      (error.status === 503 || error.status === 429) && error.retryAfterMs !== null
        ? { busy: true }
        : {};
    return {
      kind: error.kind,
      messageKey: `sync.error.${error.kind}`,
      detail: error.message,
      at,
      ...busy,
    };
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: 'internal', messageKey: 'sync.error.internal', detail, at };
}
