import { activitySchema } from '../../../shared/activity/activity-record.schema';
import { type Activity } from '../../../shared/activity/activity.schema';
import type { AdminUnitTree } from '../../../shared/admin-units/admin-unit-tree';
import { translateKey } from '../../../shared/i18n/translate-key';
import type { Mutation, PublicUser } from '../../../shared/sync/sync-protocol';
import { toFieldErrors } from '../../../shared/validation/field-errors';
import { V } from '../../../shared/validation/messages';
import { checkActivityWrite, type WriteRefusal } from './activity-access';

export interface Caller {
  user: PublicUser;
  deviceId: string;
}

/** A mutation checked before the transaction starts (CPU work while no lock is held). */
export interface PreparedMutation {
  mutation: Mutation;
  record?: Activity;
  refusal?: WriteRefusal;
}

export const refusal = (reason: string, path: string, code: string): WriteRefusal => ({
  reason,
  errors: [{ path, code, message: translateKey(code) }],
});

/** Validates the record and the caller's right to write it where it says it belongs. */
export function prepareMutation(
  mutation: Mutation,
  caller: Caller,
  tree: AdminUnitTree,
): PreparedMutation {
  if (mutation.op === 'delete') return { mutation };
  const parsed = activitySchema.safeParse(mutation.data);
  if (!parsed.success) {
    return {
      mutation,
      refusal: {
        reason: 'Dữ liệu hoạt động không hợp lệ.',
        errors: toFieldErrors(parsed.error.issues),
      },
    };
  }
  const record = parsed.data;
  if (record.id !== mutation.recordId) {
    return {
      mutation,
      refusal: refusal('Mã bản ghi không khớp với dữ liệu gửi lên.', 'id', V.idMismatch),
    };
  }
  const denied = checkActivityWrite(caller.user, tree, record, true);
  return denied ? { mutation, refusal: denied } : { mutation, record };
}
