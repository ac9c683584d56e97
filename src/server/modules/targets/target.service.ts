import type { GeographyCatalog } from '../../../shared/geography/geography-catalog';
import type { UnitRef } from '../../../shared/geography/geography';
import type { PublicUser } from '../../../shared/auth/auth-protocol';
import type {
  TargetIndicator,
  TargetSet,
  TargetsQuery,
  UnitTargets,
} from '../../../shared/reports/report-targets';
import { badRequest, forbidden } from '../../http/problem';
import type { GeographyService } from '../geography/geography.service';
import { isReadOnly, mayRead, unitOf } from '../sync/activity-access';
import type { Caller } from '../sync/prepare-mutation';
import type { TargetRepository } from './target.repository';

/**
 * Who may set a unit's yearly targets: an admin; a province officer, for any unit; a district
 * officer, while districts exist, for their district and its communes. Commune officers (and
 * agencies) read them only.
 */
export function maySetTargets(
  user: PublicUser,
  catalog: GeographyCatalog,
  unit: UnitRef,
  today: string,
): boolean {
  if (user.role === 'admin' || user.role === 'province') return true;
  if (user.role !== 'district' || isReadOnly(user, catalog, today)) return false;
  return unit.geographyId === user.geographyId && catalog.isWithin(unit, unitOf(user));
}

/** Yearly targets (chỉ tiêu) of units: read within one's scope, set by those above. */
export class TargetService {
  constructor(
    private readonly repository: TargetRepository,
    private readonly geographies: GeographyService,
    private readonly clock: () => Date,
  ) {}

  /** The targets of a unit and of its child units for a year. */
  async get(caller: Caller, query: TargetsQuery): Promise<UnitTargets> {
    const catalog = await this.geographies.catalog();
    const unit = this.unitRef(catalog, caller, query);
    if (!mayRead(caller.user, catalog, unit)) throw forbidden('noReportRight');
    const tree = catalog.tree(unit.geographyId);
    const children = tree.childrenOf(unit.code).map((c) => ({ code: c.code, name: c.name }));
    const targets = await this.repository.forUnits(
      unit.geographyId,
      [unit.code, ...children.map((c) => c.code)],
      query.year,
    );
    return {
      geography: unit.geographyId,
      year: query.year,
      unit: { code: unit.code, name: tree.qualifiedName(unit.code) },
      children,
      targets,
      mayEdit: maySetTargets(caller.user, catalog, unit, this.geographies.today()),
    };
  }

  /** Replaces a unit's targets for a year (who and when are kept per target). */
  async set(caller: Caller, body: TargetSet): Promise<UnitTargets> {
    const catalog = await this.geographies.catalog();
    const unit = this.unitRef(catalog, caller, body);
    if (!maySetTargets(caller.user, catalog, unit, this.geographies.today())) {
      throw forbidden('targetsNotAllowed');
    }
    const values = new Map<TargetIndicator, number>();
    for (const [indicator, value] of Object.entries(body.targets)) {
      if (value !== undefined) values.set(indicator as TargetIndicator, value);
    }
    await this.repository.replace({
      geographyId: unit.geographyId,
      unitCode: unit.code,
      year: body.year,
      values,
      setBy: caller.user.displayName,
      setAt: this.clock().toISOString(),
    });
    return this.get(caller, { unit: unit.code, geography: unit.geographyId, year: body.year });
  }

  private unitRef(
    catalog: GeographyCatalog,
    caller: Caller,
    query: { unit?: string; geography?: string },
  ): UnitRef {
    const geographyId = query.geography ?? caller.user.geographyId;
    if (!catalog.has(geographyId)) throw badRequest('geographyUnknown', { geography: geographyId });
    const code = query.unit ?? caller.user.unitCode;
    if (!catalog.tree(geographyId).get(code)) {
      throw badRequest('unitNotInGeography', { unit: code, geography: geographyId });
    }
    return { geographyId, code };
  }
}
