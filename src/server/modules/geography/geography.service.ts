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
  /** The stamp read on its way, shared by the requests that ask meanwhile. */
  private stampRead: Promise<{ stamp: number; at: number }> | undefined;
  /** The catalog last confirmed current by a stamp read, and when that read began. */
  private confirmed: { catalog: GeographyCatalog; at: number } | undefined;

  constructor(
    private readonly repository: GeographyRepository,
    private readonly clock: () => Date,
  ) {}

  async catalog(): Promise<GeographyCatalog> {
    const { stamp, at } = await this.currentStamp();
    if (this.cached?.stamp === stamp) return this.confirm(await this.cached.catalog, at);
    const catalog = this.repository.listAll().then((all) => new GeographyCatalog(all));
    void catalog.then(
      (c) => this.confirm(c, at),
      () => undefined,
    );
    const entry = { stamp, catalog };
    this.cached = entry;
    // A failed load must not be cached.
    catalog.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return catalog;
  }

  /**
   * The catalog as a stamp read begun at most `maxAgeMs` ago found it, without a query; else
   * undefined. For a pull page a reader of the same scope was already sent (SyncService
   * .cachedPage): deciding that reader's scope by a catalog a moment old is what the request
   * would have got had it arrived that moment earlier.
   */
  recentCatalog(maxAgeMs: number): GeographyCatalog | undefined {
    const confirmed = this.confirmed;
    return confirmed && performance.now() - confirmed.at <= maxAgeMs
      ? confirmed.catalog
      : undefined;
  }

  /** `at`: when the stamp read that found `catalog` current began. */
  private confirm(catalog: GeographyCatalog, at: number): GeographyCatalog {
    if (!this.confirmed || this.confirmed.at < at) this.confirmed = { catalog, at };
    return catalog;
  }

  /**
   * The stored geographies' stamp. Every push and pull asks it first; requests that ask while a
   * read is already on its way share that read (it started at most one round trip before they
   * arrived) instead of each queueing its own query for a pooled connection — at 500 phones
   * those queries waited behind admitted work, and the wait counted against each request's
   * budget in the work gate. A save here starts a fresh read for everyone after it.
   */
  private currentStamp(): Promise<{ stamp: number; at: number }> {
    if (this.stampRead) return this.stampRead;
    const at = performance.now();
    const read = this.repository.stamp().then((stamp) => ({ stamp, at }));
    this.stampRead = read;
    const done = () => {
      if (this.stampRead === read) this.stampRead = undefined;
    };
    read.then(done, done);
    return read;
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
    const rev = await this.repository.save(geography, updatedBy, this.clock().toISOString());
    // A stamp read that began before this save committed must not answer a later request.
    this.stampRead = undefined;
    this.confirmed = undefined;
    return rev;
  }
}
