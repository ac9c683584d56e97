import type { GeographyCatalog } from '../../../shared/geography/geography-catalog';
import type { UnitRef } from '../../../shared/geography/geography';
import { problemReason } from '../../../shared/i18n/problem-message';
import { translateKey } from '../../../shared/i18n/translate-key';
import type { FieldError } from '../../../shared/sync/sync-protocol';
import type { PublicUser } from '../../../shared/auth/auth-protocol';
import { V } from '../../../shared/validation/messages';

// Who may read and write which activities, decided from the geographies alone. A user's unit
// and a record's commune may belong to different geographies: they are compared through the
// mappings (GeographyCatalog.isWithin: "wholly within", so nobody gains a place they did not
// have). Pure, so every rule is unit-tested; routes and the sync service only ask these.

/** Roles that read everything and write only their own records. */
const WIDE_ROLES: ReadonlySet<PublicUser['role']> = new Set(['province', 'agency', 'admin']);

/** What a pull returns: everything, or the activities of these communes (of any geography). */
export type ReadScope = { all: true } | { all: false; communes: UnitRef[] };

export interface WriteRefusal extends ReturnType<typeof problemReason> {
  errors: FieldError[];
}

const fieldError = (path: string, code: string): FieldError => ({
  path,
  code,
  message: translateKey(code),
});

export const unitOf = (user: PublicUser): UnitRef => ({
  geographyId: user.geographyId,
  code: user.unitCode,
});

export function readsEverything(user: PublicUser): boolean {
  return WIDE_ROLES.has(user.role);
}

/**
 * Whose phone syncs only the records its user authored (plus reference data): every role above
 * the commune. A province's records do not belong on one phone; the officer sees them through
 * the server (reports, records browser) — reading is not syncing.
 */
export function syncsOwnRecordsOnly(user: PublicUser): boolean {
  return user.role !== 'commune';
}

/**
 * A district account of a geography no longer in force: its unit was abolished (1 July 2025) and
 * nobody moved it. It keeps reading its old communes' records and writes nothing.
 */
export function isReadOnly(user: PublicUser, catalog: GeographyCatalog, today: string): boolean {
  return user.role === 'district' && catalog.inForceOn(today).id !== user.geographyId;
}

/** True when the user may read activities of this unit. */
export function mayRead(user: PublicUser, catalog: GeographyCatalog, unit: UnitRef): boolean {
  return readsEverything(user) || catalog.isWithin(unit, unitOf(user));
}

/**
 * The communes whose activities a pull returns: the user's subtree through the mappings,
 * narrowed to `unit` if given. Null when `unit` lies outside what the user may read.
 */
export function readScope(
  user: PublicUser,
  catalog: GeographyCatalog,
  unit?: UnitRef,
): ReadScope | null {
  if (unit !== undefined) {
    if (!catalog.unit(unit) || !mayRead(user, catalog, unit)) return null;
    return { all: false, communes: catalog.communesWithin(unit) };
  }
  if (readsEverything(user)) return { all: true };
  return { all: false, communes: catalog.communesWithin(unitOf(user)) };
}

export interface ActivityTarget {
  geographyId: string;
  communeCode: string;
  authorId: string;
}

/**
 * Whether the user may write an activity with this commune and author: the incoming record of
 * an upsert (after mapping to the geography of its date), and the stored record of any update
 * or delete. `requireLeaf` is for incoming data.
 */
export function checkActivityWrite(
  user: PublicUser,
  catalog: GeographyCatalog,
  target: ActivityTarget,
  requireLeaf: boolean,
  today: string,
): WriteRefusal | null {
  const ref = { geographyId: target.geographyId, code: target.communeCode };
  if (
    requireLeaf &&
    !(catalog.has(ref.geographyId) && catalog.tree(ref.geographyId).isLeaf(ref.code))
  ) {
    return {
      ...problemReason('communeNotInCatalogue'),
      errors: [fieldError('communeCode', V.unitNotLeaf)],
    };
  }
  if (readsEverything(user)) {
    if (target.authorId !== user.id) {
      return {
        ...problemReason('wideRoleOwnOnly'),
        errors: [fieldError('authorId', V.notAuthor)],
      };
    }
    return null;
  }
  if (isReadOnly(user, catalog, today)) {
    return {
      ...problemReason('districtDissolved'),
      errors: [fieldError('communeCode', V.unitNotAllowed)],
    };
  }
  if (!catalog.isWithin(ref, unitOf(user))) {
    const name = catalog.has(ref.geographyId)
      ? catalog.tree(ref.geographyId).qualifiedName(ref.code)
      : ref.code;
    return {
      // A commune account nobody moved yet, writing in the commune its own became: say what to do.
      ...problemReason(
        awaitsMove(user, catalog, today, ref) ? 'noWriteRightUntilMoved' : 'noWriteRight',
        { name },
      ),
      errors: [fieldError('communeCode', V.unitNotAllowed)],
    };
  }
  return null;
}

/**
 * True when the write would be allowed once the account is moved to the commune its old one
 * became (the proposal of `geography -- check`): the user is a commune officer of a map no
 * longer in force, and `ref` — a commune of a later map (a record dated after the switch) — lies
 * within that new commune.
 */
function awaitsMove(
  user: PublicUser,
  catalog: GeographyCatalog,
  today: string,
  ref: UnitRef,
): boolean {
  if (user.role !== 'commune' || ref.geographyId === user.geographyId) return false;
  if (catalog.inForceOn(today).id === user.geographyId) return false;
  const becomes = catalog.communeOn(unitOf(user), today);
  return becomes !== undefined && catalog.isWithin(ref, becomes);
}
