import { AdminUnitTree } from '../../../shared/admin-units/admin-unit-tree';
import type { AdminUnitRepository } from './admin-unit.repository';

/** The unit tree every authorization decision uses, loaded from the database once. */
export class AdminUnitService {
  private cached: Promise<AdminUnitTree> | undefined;

  constructor(private readonly units: AdminUnitRepository) {}

  tree(): Promise<AdminUnitTree> {
    this.cached ??= this.units.listAll().then((units) => new AdminUnitTree(units));
    // A failed load must not be cached forever.
    this.cached.catch(() => (this.cached = undefined));
    return this.cached;
  }

  /** Units only change through migrations today; call this if that ever changes at runtime. */
  invalidate(): void {
    this.cached = undefined;
  }
}
