/** Weight of the newest page in a scope's running share of the feed. */
const EWMA_WEIGHT = 0.3;
/** Scopes remembered (a province: a few hundred units and officers); the oldest go first. */
const MAX_SCOPES = 5_000;

/**
 * How many rows a pull's page will have, guessed before it is read, so the work gate can weigh
 * it without a query (issue 14: a catch-up page of 500 changes costs 10–30 short pulls; read
 * before admission, 500 phones' feed queries would all run in one turn of the event loop).
 *
 * The guess: the versions between the reader's cursor and the newest version the server has
 * seen, times the share of versions that reached this reader's scope on its recent pages (a
 * commune's phone gets about one version in twenty of a 20-commune province, a province
 * officer all of them). A scope never seen yet counts as receiving every version, and before
 * the server has seen any version every page counts as full.
 * Only an estimate — the page read afterwards is what the phone gets.
 */
export class PullSizeEstimate {
  private head = 0;
  private readonly shares = new Map<string, number>();

  /** A version the server committed (a push's answer, a page's rows). */
  saw(version: number): void {
    if (version > this.head) this.head = version;
  }

  /** Expected rows of a page from `since` for the reader `scope`, at most `limit`. */
  rows(scope: string, since: number, limit: number): number {
    // Nothing seen since the server started: assume the worst, a full page.
    if (this.head === 0) return limit;
    const gap = Math.max(0, this.head - since);
    const share = this.shares.get(scope) ?? 1;
    return Math.min(limit, Math.ceil(gap * share));
  }

  /**
   * A page read for `scope` from `since`: `rows` rows up to version `last`; `complete` when
   * nothing more was left (then the page covered every version up to the head).
   */
  learn(scope: string, since: number, rows: number, last: number, complete: boolean): void {
    this.saw(last);
    const span = (complete ? this.head : last) - since;
    if (span <= 0) return;
    const share = Math.min(1, rows / span);
    const before = this.shares.get(scope);
    this.shares.delete(scope);
    this.shares.set(
      scope,
      before === undefined ? share : before * (1 - EWMA_WEIGHT) + share * EWMA_WEIGHT,
    );
    if (this.shares.size > MAX_SCOPES) this.shares.delete(this.shares.keys().next().value!);
  }
}
