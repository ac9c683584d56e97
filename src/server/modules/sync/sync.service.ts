import type { AdminUnitTree } from '../../../shared/admin-units/admin-unit-tree';
import {
  DEFAULT_PULL_LIMIT,
  MAX_PULL_LIMIT,
  type HistoryResponse,
  mutationIdsSchema,
  mutationSchema,
  type Mutation,
  type MutationResult,
  type PushResponse,
} from '../../../shared/sync/sync-protocol';
import { toFieldErrors } from '../../../shared/validation/field-errors';
import { badRequest, forbidden, invalidBody, notFound } from '../../http/problem';
import type { AdminUnitService } from '../units/admin-unit.service';
import { mayRead, readScope } from './activity-access';
import { prepareMutation, type Caller } from './prepare-mutation';
import { pullPageJson } from './pull-page-json';
import { PushBatch } from './push-batch';
import type { SyncRepository } from './sync.repository';

export interface PullQuery {
  since?: string;
  limit?: string;
  unit?: string;
}

export class SyncService {
  constructor(
    private readonly repository: SyncRepository,
    private readonly units: AdminUnitService,
    private readonly clock: () => Date,
  ) {}

  /** Applies a batch; each item is checked alone, so a malformed one is only itself refused. */
  async push(caller: Caller, items: readonly unknown[]): Promise<PushResponse> {
    const checked = items.map(checkMutation);
    const valid = checked.filter((c): c is Mutation => !('status' in c));
    const tree = await this.units.tree();
    const prepared = valid.map((m) => prepareMutation(m, caller, tree));
    const applied =
      prepared.length === 0
        ? []
        : await this.repository.inPushTransaction((tx) =>
            new PushBatch(tx, caller, tree, this.clock().toISOString()).run(prepared),
          );
    let next = 0;
    return { results: checked.map((c) => ('status' in c ? c : applied[next++]!)) };
  }

  /** The JSON text of a PullResponse (see pull-page-json.ts for why text). */
  async pull(caller: Caller, query: PullQuery): Promise<string> {
    const since = parseCursor(query.since);
    const limit = parseLimit(query.limit);
    const tree = await this.units.tree();
    if (query.unit !== undefined && !tree.get(query.unit)) {
      throw badRequest(`Mã đơn vị "${query.unit}" không có trong danh mục.`);
    }
    const scope = readScope(caller.user, tree, query.unit);
    if (!scope) throw forbidden('Bạn không có quyền xem dữ liệu của đơn vị này.');
    const unitCodes = scope.all ? null : scope.unitCodes;
    const rows = await this.repository.feed(since, limit + 1, unitCodes);
    const page = rows.slice(0, limit);
    const visible = unitCodes === null ? null : new Set(unitCodes);
    return pullPageJson(page, visible, String(page.at(-1)?.version ?? since), rows.length > limit);
  }

  async history(caller: Caller, recordId: string): Promise<HistoryResponse> {
    const current = await this.repository.findActivity(recordId);
    if (!current) throw notFound('Máy chủ không có hoạt động này.');
    const tree: AdminUnitTree = await this.units.tree();
    if (!mayRead(caller.user, tree, current.commune_code)) {
      throw forbidden('Bạn không có quyền xem hoạt động của đơn vị này.');
    }
    const rows = await this.repository.history(recordId);
    return {
      recordId,
      versions: rows.map((row) => ({
        rev: row.version,
        op: row.op,
        data: row.data === null ? null : JSON.parse(row.data),
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      })),
    };
  }
}

/**
 * A mutation as the device sent it: valid, or its `rejected` result. One without usable ids
 * cannot be answered on its own: the request is a 400, as a client bug.
 */
function checkMutation(item: unknown, index: number): Mutation | MutationResult {
  const parsed = mutationSchema.safeParse(item);
  if (parsed.success) return parsed.data;
  const ids = mutationIdsSchema.safeParse(item);
  if (!ids.success) {
    throw invalidBody(
      ids.error.issues.map((issue) => ({ ...issue, path: ['mutations', index, ...issue.path] })),
    );
  }
  return {
    ...ids.data,
    status: 'rejected',
    reason: 'Thay đổi gửi lên không hợp lệ.',
    errors: toFieldErrors(parsed.error.issues),
  };
}

function parseCursor(since: string | undefined): number {
  if (since === undefined || since === '') return 0;
  if (!/^\d{1,15}$/.test(since)) throw badRequest('Mốc đồng bộ (since) không hợp lệ.');
  return Number(since);
}

function parseLimit(limit: string | undefined): number {
  if (limit === undefined || limit === '') return DEFAULT_PULL_LIMIT;
  if (!/^\d{1,9}$/.test(limit) || Number(limit) < 1) {
    throw badRequest(`Số bản ghi mỗi lần (limit) phải từ 1 đến ${MAX_PULL_LIMIT}.`);
  }
  return Math.min(Number(limit), MAX_PULL_LIMIT);
}
