import type {
  AccountSummary,
  AuditAction,
  AuditEntry,
} from '../../../shared/auth/account-admin.schema';
import type { GeographyCatalog } from '../../../shared/geography/geography-catalog';
import type { Role } from '../../../shared/auth/roles';
import type { ProblemParams } from '../../../shared/i18n/problem-message';
import type { ProblemMessages } from '../../../shared/i18n/problem-messages-vi';
import { translateKey } from '../../../shared/i18n/translate-key';
import { PROBLEM_TYPES } from '../../../shared/sync/sync-protocol';
import { V } from '../../../shared/validation/messages';
import { HttpProblem } from '../../http/problem';
import type { AuditRow } from '../users/account-audit.repository';
import { publicUser } from './auth.service';
import type { UserRow } from './user.repository';

// The account service's pure parts: the unit a role may have, field errors, and rows → API shapes.

export function invalidField(
  path: string,
  code: string,
  key: keyof ProblemMessages,
  params?: ProblemParams,
): HttpProblem {
  return new HttpProblem(400, PROBLEM_TYPES.validation, key, params, [
    { path, code, message: translateKey(code) },
  ]);
}
export function summaryOf(row: UserRow, activeDevices: number): AccountSummary {
  return {
    ...publicUser(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    disabledAt: row.disabled_at,
    activeDevices,
  };
}
export function auditEntryOf(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action as AuditAction,
    targetUserId: row.target_user_id,
    targetUsername: row.target_username,
    details: JSON.parse(row.details) as AuditEntry['details'],
  };
}
export function checkUnit(
  catalog: GeographyCatalog,
  geographyId: string,
  role: Role,
  unitCode: string,
): void {
  const tree = catalog.tree(geographyId);
  if (!tree.get(unitCode)) {
    const elsewhere = catalog
      .list()
      .filter((g) => g.id !== geographyId && catalog.tree(g.id).get(unitCode))
      .map((g) => `${catalog.tree(g.id).get(unitCode)!.name} (${g.id})`);
    const params = { unit: unitCode, geography: geographyId };
    throw elsewhere.length > 0
      ? invalidField('unitCode', V.invalidValue, 'unitNotInGeographyElsewhere', {
          ...params,
          elsewhere: elsewhere.join(', '),
        })
      : invalidField('unitCode', V.invalidValue, 'unitNotInGeography', params);
  }
  if (role === 'district' && (tree.isLeaf(unitCode) || tree.get(unitCode)!.parentCode === null)) {
    throw invalidField('unitCode', V.invalidValue, 'districtAccountNeedsDistrict', {
      geography: geographyId,
    });
  }
  if (role === 'commune' && !tree.isLeaf(unitCode)) {
    throw invalidField('unitCode', V.unitNotLeaf, 'communeAccountNeedsCommune');
  }
}
