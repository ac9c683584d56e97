import type { ApiErrorKind } from '../../../lib/http/api-error';
import type { PhotoUploadProgress } from './photo-sync';

export type SyncPhase =
  /** Nothing to do right now. */
  | 'idle'
  | 'pushing'
  | 'pulling'
  /** The last attempt failed; another is scheduled (see nextRetryAt). */
  | 'waiting-retry'
  /** The server refused the token: sync is paused until the officer logs in again. */
  | 'session-expired';

export interface SyncErrorInfo {
  kind: ApiErrorKind | 'internal';
  /** i18n key of the message to show (sync.error.*). */
  messageKey: string;
  /** The server's own explanation (Vietnamese problem `detail`) or the technical cause. */
  detail: string;
  at: string;
  /**
   * The server said it is busy (503/429 with Retry-After) and when to come back: not a fault,
   * shown as a calm status, not as an error.
   */
  busy?: boolean;
}

export interface SyncState {
  phase: SyncPhase;
  /** navigator.onLine: a hint only; a reachable server is proven by a successful sync. */
  online: boolean;
  /** Mutations sent of those queued when this push began; null outside a push. */
  progress: { done: number; total: number } | null;
  /** The photo upload before the push ("Đang tải ảnh 3/7 — 45 %"); null when none runs. */
  photoUpload: PhotoUploadProgress | null;
  /** Records whose changes wait for photos the last sync could not deliver. */
  waitingForPhotos: number;
  /** Activity changes received in the current pull (units and geographies not counted). */
  pulled: number;
  /** Activity changes the current pull will bring in all, once the server has said; else null. */
  pullTotal: number | null;
  lastSyncedAt: string | null;
  /** Records with changes the server has not acknowledged. */
  unsyncedCount: number;
  /** Mutations the server refused (kept, shown, not retried until the record is edited). */
  rejectedCount: number;
  lastError: SyncErrorInfo | null;
  nextRetryAt: string | null;
  /**
   * The last pull met data of a newer server this app version does not know: it applied what
   * came before and stopped there ("Cần cập nhật ứng dụng để nhận dữ liệu mới").
   */
  needsAppUpdate: boolean;
}

export const INITIAL_SYNC_STATE: SyncState = {
  phase: 'idle',
  online: true,
  progress: null,
  photoUpload: null,
  waitingForPhotos: 0,
  pulled: 0,
  pullTotal: null,
  lastSyncedAt: null,
  unsyncedCount: 0,
  rejectedCount: 0,
  lastError: null,
  nextRetryAt: null,
  needsAppUpdate: false,
};

export type SyncStateListener = (state: SyncState) => void;

/** A tiny observable value: React reads it with useSyncExternalStore, tests directly. */
export class SyncStateStore {
  private state: SyncState;
  private readonly listeners = new Set<SyncStateListener>();

  constructor(initial: Partial<SyncState> = {}) {
    this.state = { ...INITIAL_SYNC_STATE, ...initial };
  }

  get(): SyncState {
    return this.state;
  }

  update(patch: Partial<SyncState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }

  subscribe(listener: SyncStateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
