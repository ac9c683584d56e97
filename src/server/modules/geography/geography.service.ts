import { GeographyCatalog } from '../../../shared/geography/geography-catalog';
import type { Geography } from '../../../shared/geography/geography';
import { todayInVietnam } from '../../../shared/format/vi-format';
import type { GeographyRepository } from './geography.repository';

/**
 * The catalog every authorization decision uses. Cached, and rebuilt when the stored geographies
 * change (the import CLI runs in another process while the server keeps serving).
 */
export class GeographyService {
  private cached: { stamp: number; catalog: Promise<GeographyCatalog> } | undefined;

  constructor(
    private readonly repository: GeographyRepository,
    private readonly clock: () => Date,
  ) {}

  async catalog(): Promise<GeographyCatalog> {
    const stamp = await this.repository.stamp();
    if (this.cached?.stamp === stamp) return this.cached.catalog;
    const catalog = this.repository.listAll().then((all) => new GeographyCatalog(all));
    const entry = { stamp, catalog };
    this.cached = entry;
    // A failed load must not be cached.
    catalog.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return catalog;
  }

  /** Today's date in Vietnam, on the server's clock: which geography is in force. */
  today(): string {
    return todayInVietnam(this.clock().getTime());
  }

  async inForceToday(): Promise<Geography> {
    return (await this.catalog()).inForceOn(this.today());
  }

  /**
   * Checks a geography against the stored ones (the catalog refuses a broken tree or an
   * incomplete mapping) and stores it; phones get it on their next pull.
   */
  async save(geography: Geography, updatedBy: string): Promise<number> {
    const others = (await this.repository.listAll()).filter((g) => g.id !== geography.id);
    new GeographyCatalog([...others, geography]);
    return this.repository.save(geography, updatedBy, this.clock().toISOString());
  }
}
