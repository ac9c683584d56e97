import type { Migration } from 'kysely';
import { Migrator } from './kysely-runtime';
import type { Database } from './database';
import { initialSchema } from './migrations/0001-initial-schema';
import { seedAdminUnits } from './migrations/0002-seed-admin-units';
import { accountMutationsWideVersions } from './migrations/0003-account-mutations-wide-versions';
import { loginLimits } from './migrations/0004-login-limits';
import { accountAuditLog } from './migrations/0005-account-audit-log';
import { geographies } from './migrations/0006-geographies';
import { activityReportColumns } from './migrations/0008-activity-report-columns';
import { activitySearchText } from './migrations/0009-activity-search-text';
import { photosSchema } from './migrations/0010-photos';
import { agencies } from './migrations/0011-agencies';
import { provinceSettings } from './migrations/0015-province-settings';
import { reportSubmissions } from './migrations/0016-report-submissions';
import { reportTargets } from './migrations/0017-report-targets';
import { authorSyncScope } from './migrations/0018-author-sync-scope';
import { activityTotals } from './migrations/0019-activity-totals';
import { reportTargetsFeed } from './migrations/0020-report-targets-feed';
import { activityTextIndex } from './migrations/0022-activity-text-index';
import { communeFeedIndexes } from './migrations/0024-commune-feed-indexes';
import { activityBrowseIndex } from './migrations/0033-activity-browse-index';
import { activitySearchShortWords } from './migrations/0036-activity-search-short-words';
import { activitySearchJoinedWords } from './migrations/0044-activity-search-joined-words';
import { activityGeographyDateIndex } from './migrations/0049-activity-geography-date-index';
import { periodLocksByCommune } from './migrations/0050-period-locks-by-commune';

// Migrations are code (no directory scanning), so they ship inside the bundle and run the same
// way on SQLite and PostgreSQL. Append new ones; never edit one that has run somewhere.
const migrationsFor = (kind: Database['kind']): Record<string, Migration> => ({
  '0001-initial-schema': initialSchema(kind),
  '0002-seed-admin-units': seedAdminUnits,
  '0003-account-mutations-wide-versions': accountMutationsWideVersions(kind),
  '0004-login-limits': loginLimits(kind),
  '0005-account-audit-log': accountAuditLog,
  '0006-geographies': geographies,
  '0008-activity-report-columns': activityReportColumns(kind),
  '0009-activity-search-text': activitySearchText,
  '0010-photos': photosSchema,
  '0011-agencies': agencies,
  '0015-province-settings': provinceSettings,
  '0016-report-submissions': reportSubmissions,
  '0017-report-targets': reportTargets,
  '0018-author-sync-scope': authorSyncScope,
  '0019-activity-totals': activityTotals(kind),
  '0020-report-targets-feed': reportTargetsFeed,
  '0022-activity-text-index': activityTextIndex(kind),
  '0024-commune-feed-indexes': communeFeedIndexes,
  '0033-activity-browse-index': activityBrowseIndex(kind),
  '0036-activity-search-short-words': activitySearchShortWords(kind),
  '0044-activity-search-joined-words': activitySearchJoinedWords(kind),
  '0049-activity-geography-date-index': activityGeographyDateIndex(kind),
  '0050-period-locks-by-commune': periodLocksByCommune,
});

export async function migrateToLatest(database: Database): Promise<void> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrationsFor(database.kind) },
    // Each engineer appends in their own number range, so a database may already have run a later
    // number when an earlier one lands; the migrations are independent of each other.
    allowUnorderedMigrations: true,
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`, { cause: error });
  }
}
