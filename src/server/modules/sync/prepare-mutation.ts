import { activitySchema } from '../../../shared/activity/activity-record.schema';
import { type Activity } from '../../../shared/activity/activity.schema';
import type { GeographyCatalog } from '../../../shared/geography/geography-catalog';
import { KIEN_GIANG_2024 } from '../../../shared/geography/geography-ids';
import { translateKey } from '../../../shared/i18n/translate-key';
import { problemReason } from '../../../shared/i18n/problem-message';
import type { CommuneMapped, Mutation } from '../../../shared/sync/sync-protocol';
import type { PublicUser } from '../../../shared/auth/auth-protocol';
import { toFieldErrors } from '../../../shared/validation/field-errors';
import { V } from '../../../shared/validation/messages';
import { compileAcceptor } from '../../../shared/validation/zod-accept';
import { checkActivityWrite, type WriteRefusal } from './activity-access';

export interface Caller {
  user: PublicUser;
  deviceId: string;
}

/**
 * What the push transaction needs of a mutation: not its `data`, which `record` replaces (on
 * SQLite the batch is copied to the push worker: the record once, not twice).
 */
export type BatchMutation = Omit<Mutation, 'data'>;

/** A mutation checked before the transaction starts (CPU work while no lock is held). */
export interface PreparedMutation {
  mutation: BatchMutation;
  /** The record to store: the one sent, or its commune mapped to the geography of its date. */
  record?: Activity;
  /** The record as the device sent it, when the server mapped its commune (kept in history). */
  submitted?: Activity;
  mapped?: CommuneMapped;
  refusal?: WriteRefusal;
}

export const refusal = (
  reason: Parameters<typeof problemReason>[0],
  path: string,
  code: string,
): WriteRefusal => ({
  ...problemReason(reason),
  errors: [{ path, code, message: translateKey(code) }],
});

/**
 * `activitySchema.parse` for a record zod accepts, at a fraction of its cost (see zod-accept.ts);
 * undefined when zod must say what is wrong.
 */
export const acceptActivity = compileAcceptor(activitySchema);

/** Records from app versions that knew only the 2024 tree carry no geography: that one. */
function withGeography(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  return 'geographyId' in data ? data : { ...data, geographyId: KIEN_GIANG_2024 };
}

/**
 * A record names a commune of a geography that was not in force on its date — a phone offline
 * across 1 July 2025 still offering the old communes: the record is kept and moved to the
 * commune its old one became (never refused, never lost). A backward move that is not one
 * commune (a new commune made of several old ones, dated before the switch) stays as sent.
 */
export function mapToDate(
  record: Activity,
  catalog: GeographyCatalog,
): { record: Activity; mapped?: CommuneMapped } {
  if (!catalog.has(record.geographyId)) return { record };
  const target = catalog.inForceOn(record.date).id;
  if (target === record.geographyId) return { record };
  const codes = catalog.mapCommune(record.communeCode, record.geographyId, target);
  if (codes.length !== 1) return { record };
  const from = { geographyId: record.geographyId, code: record.communeCode };
  const to = { geographyId: target, code: codes[0]! };
  return {
    record: { ...record, geographyId: to.geographyId, communeCode: to.code },
    mapped: {
      from,
      to,
      fromName: catalog.unit(from)?.name ?? from.code,
      toName: catalog.unit(to)?.name ?? to.code,
    },
  };
}

/** Validates the record and the caller's right to write it where it says it belongs. */
export function prepareMutation(
  mutation: Mutation,
  caller: Caller,
  catalog: GeographyCatalog,
  today: string,
): PreparedMutation {
  const { data: sentData, ...batchMutation } = mutation;
  if (mutation.op === 'delete') return { mutation: batchMutation };
  const input = withGeography(sentData);
  const accepted = acceptActivity(input);
  const parsed = accepted
    ? { success: true as const, data: accepted }
    : activitySchema.safeParse(input);
  if (!parsed.success) {
    return {
      mutation: batchMutation,
      refusal: {
        ...problemReason('invalidActivity'),
        errors: toFieldErrors(parsed.error.issues),
      },
    };
  }
  const sent = parsed.data;
  if (sent.id !== mutation.recordId) {
    return {
      mutation: batchMutation,
      refusal: refusal('recordIdMismatch', 'id', V.idMismatch),
    };
  }
  const { record, mapped } = mapToDate(sent, catalog);
  const denied = checkActivityWrite(caller.user, catalog, record, true, today);
  if (denied) return { mutation: batchMutation, refusal: denied };
  return mapped
    ? { mutation: batchMutation, record, submitted: sent, mapped }
    : { mutation: batchMutation, record };
}
