import { createRequire } from 'node:module';

// Kysely's classes, loaded from its CommonJS build. Its ESM build is ~280 modules, and under tsx
// (how the server and CLI run) every ESM module costs a round trip to the loader thread: the
// CJS build starts 3–5× faster, which matters for the users CLI and for restarts. Types still
// come from `import type … from 'kysely'`; only the values come from here.
const kysely = createRequire(import.meta.url)('kysely') as typeof import('kysely');

export const { CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteDialect, sql } = kysely;
