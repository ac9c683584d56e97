import type { AdminUnitTree } from '../../../shared/admin-units/admin-unit-tree';
import { translateKey } from '../../../shared/i18n/translate-key';
import type { FieldError, PublicUser } from '../../../shared/sync/sync-protocol';
import { V } from '../../../shared/validation/messages';

// Who may read and write which activities, decided from the unit tree alone. Pure, so every rule
// is unit-tested; routes and the sync service only ask these functions.

/** Roles that read everything and write only their own records. */
const WIDE_ROLES: ReadonlySet<PublicUser['role']> = new Set(['province', 'agency', 'admin']);

export type ReadScope = { all: true } | { all: false; unitCodes: string[] };

export interface WriteRefusal {
  reason: string;
  errors: FieldError[];
}

const fieldError = (path: string, code: string): FieldError => ({
  path,
  code,
  message: translateKey(code),
});

export function readsEverything(user: PublicUser): boolean {
  return WIDE_ROLES.has(user.role);
}

/** True when the user may read activities of this unit. */
export function mayRead(user: PublicUser, tree: AdminUnitTree, unitCode: string): boolean {
  return readsEverything(user) || tree.isWithin(unitCode, user.unitCode);
}

/**
 * The units whose activities a pull returns: the user's subtree, narrowed to `unit` if given.
 * Null when `unit` lies outside what the user may read.
 */
export function readScope(user: PublicUser, tree: AdminUnitTree, unit?: string): ReadScope | null {
  if (unit !== undefined) {
    if (!tree.get(unit) || !mayRead(user, tree, unit)) return null;
    return { all: false, unitCodes: tree.subtree(unit).map((u) => u.code) };
  }
  if (readsEverything(user)) return { all: true };
  return { all: false, unitCodes: tree.subtree(user.unitCode).map((u) => u.code) };
}

export interface ActivityTarget {
  communeCode: string;
  authorId: string;
}

/**
 * Whether the user may write an activity with this commune and author: the incoming record of
 * an upsert, and the stored record of any update or delete. `requireLeaf` is for incoming data.
 */
export function checkActivityWrite(
  user: PublicUser,
  tree: AdminUnitTree,
  target: ActivityTarget,
  requireLeaf: boolean,
): WriteRefusal | null {
  if (requireLeaf && !tree.isLeaf(target.communeCode)) {
    return {
      reason: 'Hoạt động phải thuộc một xã, phường hoặc thị trấn có trong danh mục.',
      errors: [fieldError('communeCode', V.unitNotLeaf)],
    };
  }
  if (readsEverything(user)) {
    if (target.authorId !== user.id) {
      return {
        reason: 'Tài khoản cấp tỉnh, cơ quan và quản trị chỉ được ghi hoạt động do chính mình tạo.',
        errors: [fieldError('authorId', V.notAuthor)],
      };
    }
    return null;
  }
  if (!tree.isWithin(target.communeCode, user.unitCode)) {
    return {
      reason: `Bạn không có quyền ghi dữ liệu của ${tree.qualifiedName(target.communeCode)}.`,
      errors: [fieldError('communeCode', V.unitNotAllowed)],
    };
  }
  return null;
}
