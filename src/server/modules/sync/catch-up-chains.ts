/** A begun chain of pages is forgotten if its next page is not asked for within this. */
const DEFAULT_TTL_MS = 30_000;
/** Devices remembered at once (a province: a few thousand phones); the oldest go first. */
const MAX_DEVICES = 20_000;

interface Chain {
  /** The cursor the device was given with more to come: its next pull asks from it. */
  cursor: string;
  /** The chain began from a cursor, not from version 0 (a first sync). */
  catchUp: boolean;
  until: number;
}

/**
 * Which pull is the next page of a catch-up a phone has begun (issue 14). When 500 phones catch
 * up at once, the work gate admits part of the burst and refuses the rest with Retry-After;
 * refusing a phone again at its second or third page makes it wait whole seconds more for pages
 * the server will serve anyway, while others who began later go first. The server remembers, per
 * device, the cursor it handed out with `hasMore`, so the gate can tell a chain's next page
 * (owed: queued, not refused) from a new one. First syncs (chains from version 0) are not owed:
 * pushes are preferred over them (docs/server.md, Back-pressure).
 */
export class CatchUpChains {
  private readonly chains = new Map<string, Chain>();

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly maxDevices = MAX_DEVICES,
  ) {}

  /** Whether a pull from `since` by `deviceId` is the next page of a catch-up it has begun. */
  continues(deviceId: string, since: string | undefined): boolean {
    const chain = this.live(deviceId, since);
    return chain?.catchUp === true;
  }

  /**
   * A page was planned for `deviceId` from `since` (its version `fromVersion`); `next`: the
   * cursor it hands out when more is to come, else undefined (the chain ends).
   */
  planned(
    deviceId: string,
    since: string | undefined,
    fromVersion: number,
    next: string | undefined,
  ): void {
    const chain = this.live(deviceId, since);
    this.chains.delete(deviceId);
    if (next === undefined) return;
    const catchUp = chain?.catchUp ?? fromVersion > 0;
    this.chains.set(deviceId, { cursor: next, catchUp, until: this.now() + this.ttlMs });
    if (this.chains.size > this.maxDevices) this.chains.delete(this.chains.keys().next().value!);
  }

  private live(deviceId: string, since: string | undefined): Chain | undefined {
    const chain = this.chains.get(deviceId);
    return chain !== undefined && chain.cursor === since && chain.until >= this.now()
      ? chain
      : undefined;
  }
}
