import { useSyncExternalStore } from 'react';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  type ActivityStatus,
  type ActivityType,
} from '../../shared/activity/activity-enums';

// A tiny hash router: hash URLs need no server rewrite and survive an offline cold start from
// the precached index.html; a form's URL carries the activity id, so a reload resumes its draft.
export type Route =
  | { name: 'home' }
  | {
      name: 'list';
      type?: ActivityType;
      month?: string;
      q?: string;
      /** The unit filter: a unit code of the geography `geo` (the current one when absent). */
      unit?: string;
      geo?: string;
    }
  | { name: 'new'; type: ActivityType; id?: string }
  | { name: 'detail'; id: string }
  | { name: 'edit'; id: string }
  | { name: 'settings' }
  | { name: 'accounts' }
  | { name: 'account'; id: string }
  | { name: 'auditLog' }
  | { name: 'agencies' }
  | { name: 'devices' }
  | { name: 'password' }
  | ({ name: 'reports' } & ReportParams)
  | ({ name: 'reportPrint' } & ReportParams)
  | ({ name: 'targets' } & TargetParams)
  | ({ name: 'records' } & RecordsParams)
  | { name: 'record'; id: string }
  | { name: 'notFound' };

/** What a report URL carries: the unit, geography and period (every part optional). */
export interface ReportParams {
  unit?: string;
  geography?: string;
  from?: string;
  to?: string;
}

/** Đặt chỉ tiêu: whose targets, in which geography, for which year. */
export interface TargetParams {
  unit?: string;
  geography?: string;
  year?: number;
}

/** The records browser's filters, kept in the URL so a drill-down link opens them. */
export interface RecordsParams extends ReportParams {
  form?: ActivityType;
  status?: ActivityStatus;
  author?: string;
  q?: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function reportParams(params: URLSearchParams): ReportParams {
  const out: ReportParams = {};
  const unit = params.get('unit');
  const geography = params.get('geography');
  const from = params.get('from');
  const to = params.get('to');
  if (unit) out.unit = unit;
  if (geography) out.geography = geography;
  if (from && ISO_DAY.test(from)) out.from = from;
  if (to && ISO_DAY.test(to)) out.to = to;
  return out;
}

function withParams(path: string, values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isType(value: string | undefined): value is ActivityType {
  return value !== undefined && (ACTIVITY_TYPES as readonly string[]).includes(value);
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(search);
  const [first, second, third] = parts;
  if (parts.length === 0) return { name: 'home' };
  if (first === 'settings' && parts.length === 1) return { name: 'settings' };
  if (first === 'accounts' && parts.length === 1) return { name: 'accounts' };
  if (first === 'accounts' && second && parts.length === 2) return { name: 'account', id: second };
  if (first === 'audit-log' && parts.length === 1) return { name: 'auditLog' };
  if (first === 'agencies' && parts.length === 1) return { name: 'agencies' };
  if (first === 'devices' && parts.length === 1) return { name: 'devices' };
  if (first === 'password' && parts.length === 1) return { name: 'password' };
  if (first === 'reports' && parts.length === 1)
    return { name: 'reports', ...reportParams(params) };
  if (first === 'reports' && second === 'print' && parts.length === 2) {
    return { name: 'reportPrint', ...reportParams(params) };
  }
  if (first === 'targets' && parts.length === 1) {
    const { unit, geography } = reportParams(params);
    const year = Number(params.get('year'));
    return {
      name: 'targets',
      ...(unit ? { unit } : {}),
      ...(geography ? { geography } : {}),
      ...(Number.isInteger(year) && year > 0 ? { year } : {}),
    };
  }
  if (first === 'records' && parts.length === 1) {
    const form = params.get('form') ?? undefined;
    const status = params.get('status') ?? '';
    const author = params.get('author');
    const q = params.get('q');
    return {
      name: 'records',
      ...reportParams(params),
      ...(isType(form) ? { form } : {}),
      ...((ACTIVITY_STATUSES as readonly string[]).includes(status)
        ? { status: status as ActivityStatus }
        : {}),
      ...(author ? { author } : {}),
      ...(q ? { q } : {}),
    };
  }
  if (first === 'records' && second && parts.length === 2) return { name: 'record', id: second };
  if (first === 'activities' && parts.length === 1) {
    const type = params.get('type') ?? undefined;
    const month = params.get('month') ?? undefined;
    const q = params.get('q') ?? undefined;
    const unit = params.get('unit') ?? undefined;
    const geo = params.get('geo') ?? undefined;
    return {
      name: 'list',
      ...(isType(type) ? { type } : {}),
      ...(month && /^\d{4}-\d{2}$/.test(month) ? { month } : {}),
      ...(q ? { q } : {}),
      ...(unit ? { unit } : {}),
      ...(geo ? { geo } : {}),
    };
  }
  if (first === 'new' && isType(second) && parts.length <= 3) {
    return third ? { name: 'new', type: second, id: third } : { name: 'new', type: second };
  }
  if (first === 'activities' && second && parts.length === 2) return { name: 'detail', id: second };
  if (first === 'activities' && second && third === 'edit' && parts.length === 3) {
    return { name: 'edit', id: second };
  }
  return { name: 'notFound' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'home':
    case 'notFound':
      return '#/';
    case 'settings':
      return '#/settings';
    case 'accounts':
      return '#/accounts';
    case 'account':
      return `#/accounts/${encodeURIComponent(route.id)}`;
    case 'auditLog':
      return '#/audit-log';
    case 'agencies':
      return '#/agencies';
    case 'devices':
      return '#/devices';
    case 'password':
      return '#/password';
    case 'reports':
    case 'reportPrint': {
      const { name, ...rest } = route;
      return withParams(name === 'reports' ? '#/reports' : '#/reports/print', { ...rest });
    }
    case 'targets': {
      const { name: _name, year, ...rest } = route;
      return withParams('#/targets', { ...rest, year: year ? String(year) : undefined });
    }
    case 'records': {
      const { name: _name, ...rest } = route;
      return withParams('#/records', { ...rest });
    }
    case 'record':
      return `#/records/${encodeURIComponent(route.id)}`;
    case 'list': {
      const params = new URLSearchParams();
      if (route.type) params.set('type', route.type);
      if (route.month) params.set('month', route.month);
      if (route.q) params.set('q', route.q);
      if (route.geo) params.set('geo', route.geo);
      if (route.unit) params.set('unit', route.unit);
      const search = params.toString();
      return search ? `#/activities?${search}` : '#/activities';
    }
    case 'new':
      return route.id ? `#/new/${route.type}/${route.id}` : `#/new/${route.type}`;
    case 'detail':
      return `#/activities/${encodeURIComponent(route.id)}`;
    case 'edit':
      return `#/activities/${encodeURIComponent(route.id)}/edit`;
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = hrefFor(route);
  if (options.replace) {
    history.replaceState(history.state, '', href);
    // replaceState fires no hashchange; tell the subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash, () => '');
  return parseHash(hash);
}
