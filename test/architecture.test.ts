import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Import boundaries (docs/architecture.md): src/shared is pure; src/client and src/server never
// import each other; inside the client, imports flow one way — lib/, components/, db/ → features
// → app/ — and a feature uses another only through the entry points listed below; no import
// circle anywhere in src/; each local table has one writer.
const ROOT = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.(ts|tsx)$/.test(name) ? [path] : [];
    });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const pattern =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(pattern)) found.push((m[1] ?? m[2] ?? m[3])!);
  return found;
}

function violations(layer: string, forbidden: RegExp, root = ROOT): string[] {
  return sourceFiles(join(root, 'src', layer)).flatMap((file) =>
    importsOf(file)
      .filter(
        (spec) =>
          forbidden.test(spec) ||
          (spec.startsWith('.') && forbidden.test(relative(root, join(file, '..', spec)))),
      )
      .map((spec) => `${relative(root, file)} imports ${spec}`),
  );
}

/** The project's own files that `file` imports (relative specifiers, resolved). */
function localImportsOf(file: string): string[] {
  return importsOf(file).flatMap((spec) => {
    if (!spec.startsWith('.')) return [];
    const base = resolve(dirname(file), spec);
    const hit = ['', '.ts', '.tsx'].find(
      (ext) => existsSync(base + ext) && statSync(base + ext).isFile(),
    );
    return hit === undefined ? [] : [base + hit];
  });
}

function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(join(root, 'src')))
    graph.set(
      relative(root, file),
      localImportsOf(file).map((f) => relative(root, f)),
    );
  return graph;
}

/** Every import circle, as the files around it (type-only imports count too). */
function importCycles(graph: Map<string, string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open')
        cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

// What one feature may use of another: this list, and nothing else. Add an entry only for a
// real entry point (a screen piece, a hook, a store function), and keep the feature graph
// one-way; docs/architecture.md explains each.
export const FEATURE_ENTRY_POINTS: Record<string, readonly string[]> = {
  activities: [
    'features/attendance/components/attendance-section.tsx',
    'features/attendance/model/attendee-store.ts',
    'features/admin-units/store/admin-unit-store.ts',
    'features/auth/session-context.tsx',
    'features/pwa/persist-once.ts',
    'features/sync/outbox/outbox.ts',
    'features/sync/hooks/use-sync-notices.ts',
    'features/sync/components/sync-status.tsx',
    'features/photos/components/photos-section.tsx',
    'features/photos/components/photo-gallery.tsx',
    'features/photos/components/photo-list-thumb.tsx',
  ],
  photos: ['features/auth/hooks/use-authorized-api.ts', 'features/sync/hooks/use-sync-state.ts'],
  settings: [
    'features/auth/session-context.tsx',
    'features/auth/components/account-panel.tsx',
    'features/pwa/components/install-hint.tsx',
    'features/pwa/persist-once.ts',
    'features/admin-units/store/admin-unit-store.ts',
    'features/backup/components/storage-card.tsx',
    'features/backup/components/backup-card.tsx',
    'features/backup/components/restore-card.tsx',
  ],
  sync: ['features/auth/hooks/session-controls-context.ts'],
  accounts: [
    'features/auth/session-context.tsx',
    'features/auth/hooks/use-authorized-api.ts',
    'features/admin-units/store/admin-unit-store.ts',
  ],
  reports: [
    'features/auth/session-context.tsx',
    'features/auth/hooks/use-authorized-api.ts',
    'features/admin-units/store/admin-unit-store.ts',
  ],
  backup: [
    'features/activities/store/form-draft-store.ts',
    'features/sync/outbox/outbox.ts',
    'features/auth/session-context.tsx',
    'features/pwa/install-prompt.ts',
    'features/pwa/persist-once.ts',
    'features/sync/hooks/use-sync-notices.ts',
  ],
};

const CLIENT = 'src/client/';

function clientArea(file: string): string | null {
  if (!file.startsWith(CLIENT)) return null;
  const rest = file.slice(CLIENT.length);
  const feature = /^features\/([^/]+)\//.exec(rest);
  if (feature) return `features/${feature[1]}`;
  const top = /^([^/]+)\//.exec(rest);
  return top ? top[1]! : rest;
}

/** Client imports that break the layering or go around a feature's entry points. */
function clientViolations(
  graph: Map<string, string[]>,
  entryPoints: Record<string, readonly string[]> = FEATURE_ENTRY_POINTS,
): string[] {
  const found: string[] = [];
  for (const [file, imports] of graph) {
    const from = clientArea(file);
    if (from === null) continue;
    for (const target of imports) {
      const to = clientArea(target);
      if (to === null || to === from) continue;
      const what = `${file} imports ${target}`;
      // main.tsx starts the app; nothing else may import app/.
      if (to === 'app' && from !== 'main.tsx') found.push(`${what}: nothing imports app/`);
      else if (['lib', 'components', 'db'].includes(from) && to.startsWith('features/'))
        found.push(`${what}: ${from}/ is below the features`);
      else if (from.startsWith('features/') && to.startsWith('features/')) {
        const allowed = entryPoints[from.slice('features/'.length)] ?? [];
        if (!allowed.includes(target.slice(CLIENT.length)))
          found.push(`${what}: not an entry point listed for ${from}`);
      }
    }
  }
  return found;
}

// One writer per local table: the tables and the only files that may write them.
const TABLE_WRITERS: Record<string, readonly string[]> = {
  activities: ['src/client/db/local-activity-write.ts'],
  activityRecords: ['src/client/db/local-activity-write.ts'],
  searchSegments: ['src/client/db/search-index.ts'],
  adminUnits: ['src/client/db/admin-unit-write.ts'],
  geographies: ['src/client/db/geography-write.ts'],
  agencies: ['src/client/db/agency-write.ts'],
  periodLocks: ['src/client/db/period-lock-write.ts'],
  reportTargets: ['src/client/db/report-target-write.ts'],
  outbox: ['src/client/features/sync/outbox/outbox.ts'],
  syncNotices: [
    'src/client/features/sync/outbox/outbox.ts',
    'src/client/features/sync/store/sync-notice-store.ts',
  ],
  photos: ['src/client/db/photo-write.ts'],
  photoThumbs: ['src/client/db/photo-write.ts'],
  formDrafts: [
    'src/client/features/activities/store/activity-store.ts',
    'src/client/features/activities/store/form-draft-store.ts',
  ],
};

function tableWriteViolations(root: string): string[] {
  const write =
    /\b(?:db|this)\.(\w+)\b[^;]*?\.(?:put|bulkPut|add|bulkAdd|delete|bulkDelete|update|bulkUpdate|modify|clear)\(/gs;
  return sourceFiles(join(root, 'src/client')).flatMap((file) => {
    const path = relative(root, file);
    return [...readFileSync(file, 'utf8').matchAll(write)]
      .map((m) => m[1]!)
      .filter((table) => table in TABLE_WRITERS && !TABLE_WRITERS[table]!.includes(path))
      .map((table) => `${path} writes ${table}`);
  });
}

/** Raw form controls drawn outside components/form/ (each control belongs in FieldFrame there). */
function rawControlViolations(root: string): string[] {
  const dirs = ['features', 'app'].map((d) => join(root, 'src/client', d)).filter(existsSync);
  return dirs.flatMap((dir) =>
    sourceFiles(dir).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/<(input|select|textarea)\b|htmlFor=/g)].map(
        (m) => `${relative(root, file)} draws ${m[0]}`,
      ),
    ),
  );
}

// Letters only Vietnamese uses (ASCII-free); a string literal holding one is Vietnamese text.
const VIETNAMESE = /[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/;

// Where src/server may hold Vietnamese literals. Everything the API answers is a message key
// (shared/i18n/problem-messages-*.ts) worded per request; these are not API answers:
const SERVER_VIETNAMESE_ALLOWED = [
  // The operator's console tools (users, geography, backup): run by a Vietnamese administrator
  // in a terminal, no Accept-Language to honour; their usage texts are bilingual already.
  /^src\/server\/cli\//,
  // Values stored in the database by migrations (who changed a seeded row: 'Hệ thống').
  /^src\/server\/db\/migrations\//,
  // The first admin's stored display name and the operator's log note about its password.
  /^src\/server\/modules\/auth\/first-admin-texts\.ts$/,
];

/** String and template literals with Vietnamese text in src/server outside the allowed places. */
function serverVietnameseViolations(root: string): string[] {
  return sourceFiles(join(root, 'src/server')).flatMap((file) => {
    const path = relative(root, file);
    if (SERVER_VIETNAMESE_ALLOWED.some((allowed) => allowed.test(path))) return [];
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const literals = code.match(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g) ?? [];
    return literals.filter((l) => VIETNAMESE.test(l)).map((l) => `${path}: ${l}`);
  });
}

const SHARED_FORBIDDEN =
  /(^|\/)src\/(client|server)(\/|$)|^(react|react-dom|dexie|fastify|kysely|better-sqlite3|pg)(\/|$)/;

describe('architecture', () => {
  it('src/shared imports nothing from client, server, React, Dexie or the database layer', () => {
    expect(violations('shared', SHARED_FORBIDDEN)).toEqual([]);
  });

  it('src/client never imports src/server, and src/server never imports src/client', () => {
    expect(violations('client', /(^|\/)src\/server(\/|$)/)).toEqual([]);
    expect(violations('server', /(^|\/)src\/client(\/|$)|^(react|react-dom|dexie)(\/|$)/)).toEqual(
      [],
    );
  });

  it('the checker itself notices forbidden imports', () => {
    const root = mkdtempSync(join(tmpdir(), 'arch-'));
    mkdirSync(join(root, 'src/shared/deep'), { recursive: true });
    writeFileSync(
      join(root, 'src/shared/deep/bad.ts'),
      "import { db } from '../../client/db/app-db';\nimport Dexie from 'dexie';\n",
    );
    writeFileSync(
      join(root, 'src/shared/good.ts'),
      "import { z } from 'zod';\nimport { V } from './deep/bad';\n",
    );
    expect(violations('shared', SHARED_FORBIDDEN, root)).toEqual([
      'src/shared/deep/bad.ts imports ../../client/db/app-db',
      'src/shared/deep/bad.ts imports dexie',
    ]);
  });

  it('has no import circle anywhere in src/', () => {
    expect(importCycles(importGraph(ROOT))).toEqual([]);
  });

  it('client imports flow lib/components/db → features → app, features meet only at entry points', () => {
    expect(clientViolations(importGraph(ROOT))).toEqual([]);
  });

  it('features depend on each other one way (the entry-point list has no circle)', () => {
    const graph = new Map<string, string[]>();
    for (const [from, targets] of Object.entries(FEATURE_ENTRY_POINTS))
      graph.set(from, [...new Set(targets.map((t) => t.split('/')[1]!))]);
    for (const targets of graph.values())
      for (const t of targets) if (!graph.has(t)) graph.set(t, []);
    expect(importCycles(graph)).toEqual([]);
  });

  it('each local table has one writer (activities and search rows only through db/local-activity-write)', () => {
    expect(tableWriteViolations(ROOT)).toEqual([]);
  });

  it('the client checks notice a wrong import, a circle and a stray table write', () => {
    const root = mkdtempSync(join(tmpdir(), 'arch-client-'));
    const put = (path: string, text: string) => {
      mkdirSync(join(root, dirname(path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    put('src/client/app/router.ts', 'export const route = 1;\n');
    put('src/client/lib/locale.ts', "import { x } from '../features/sync/engine/loop';\n");
    put(
      'src/client/features/sync/engine/loop.ts',
      "import { route } from '../../../app/router';\nexport const x = 1;\n",
    );
    put(
      'src/client/features/sync/outbox/outbox.ts',
      "import { y } from '../../activities/store/activity-store';\n",
    );
    put(
      'src/client/features/activities/store/activity-store.ts',
      "import { x } from '../../sync/engine/loop';\nimport { z } from '../../sync/outbox/outbox';\n" +
        'export const y = 1;\nexport async function save(db) { await db.outbox.add({}); }\n',
    );
    const graph = importGraph(root);
    expect(
      clientViolations(graph, { activities: ['features/sync/outbox/outbox.ts'] }).sort(),
    ).toEqual([
      'src/client/features/activities/store/activity-store.ts imports src/client/features/sync/engine/loop.ts: not an entry point listed for features/activities',
      'src/client/features/sync/engine/loop.ts imports src/client/app/router.ts: nothing imports app/',
      'src/client/features/sync/outbox/outbox.ts imports src/client/features/activities/store/activity-store.ts: not an entry point listed for features/sync',
      'src/client/lib/locale.ts imports src/client/features/sync/engine/loop.ts: lib/ is below the features',
    ]);
    expect(importCycles(graph)).toEqual([
      'src/client/features/activities/store/activity-store.ts → src/client/features/sync/outbox/outbox.ts → src/client/features/activities/store/activity-store.ts',
    ]);
    expect(tableWriteViolations(root)).toEqual([
      'src/client/features/activities/store/activity-store.ts writes outbox',
    ]);
  });

  it('every field control lives in components/form/ (features and app draw no raw input)', () => {
    expect(rawControlViolations(ROOT)).toEqual([]);
    const root = mkdtempSync(join(tmpdir(), 'arch-form-'));
    mkdirSync(join(root, 'src/client/features/x'), { recursive: true });
    mkdirSync(join(root, 'src/client/components/form'), { recursive: true });
    writeFileSync(
      join(root, 'src/client/features/x/filter.tsx'),
      'export const F = () => <label htmlFor="q"><input id="q" /></label>;\n',
    );
    writeFileSync(
      join(root, 'src/client/components/form/ok.tsx'),
      'export const O = <select />;\n',
    );
    expect(rawControlViolations(root)).toEqual([
      'src/client/features/x/filter.tsx draws htmlFor=',
      'src/client/features/x/filter.tsx draws <input',
    ]);
  });

  it('src/server answers with message keys: no Vietnamese text literal outside the allowed places', () => {
    expect(serverVietnameseViolations(ROOT)).toEqual([]);
    const root = mkdtempSync(join(tmpdir(), 'arch-vi-'));
    for (const dir of ['src/server/modules/x', 'src/server/cli'])
      mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(
      join(root, 'src/server/modules/x/x.service.ts'),
      "// Không tìm thấy: a comment may be Vietnamese\nthrow notFound('Không tìm thấy.');\n" +
        "const ok = 'activityNotOnServer';\nconst t = `Mã ${code} sai`;\n",
    );
    writeFileSync(join(root, 'src/server/cli/x-cli.ts'), "console.error('Lỗi');\n");
    expect(serverVietnameseViolations(root)).toEqual([
      "src/server/modules/x/x.service.ts: 'Không tìm thấy.'",
      'src/server/modules/x/x.service.ts: `Mã ${code} sai`',
    ]);
  });

  it('has no barrel files', () => {
    const barrels = sourceFiles(join(ROOT, 'src')).filter((f) => /\/index\.tsx?$/.test(f));
    expect(barrels.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('keeps every source file small (at most 400 lines: split it by what it does)', () => {
    const long = sourceFiles(join(ROOT, 'src'))
      .map((f) => ({
        file: relative(ROOT, f),
        lines: readFileSync(f, 'utf8').trimEnd().split('\n').length,
      }))
      .filter(({ lines }) => lines > MAX_SOURCE_LINES);
    expect(long).toEqual([]);
  });
});

/** The brief asks for small files; at session 12 the longest in src/ had exactly 400. */
const MAX_SOURCE_LINES = 400;
