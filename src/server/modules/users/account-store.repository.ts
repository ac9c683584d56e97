import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { DeviceRepository } from '../auth/device.repository';
import { KnownDeviceRepository } from '../auth/known-device.repository';
import { UserRepository } from '../auth/user.repository';
import { AccountAuditRepository } from './account-audit.repository';

/**
 * The account tables together, so a change and its audit entry commit as one transaction: the
 * log never misses a change that happened, nor records one that did not.
 */
export class AccountStore {
  readonly users: UserRepository;
  readonly devices: DeviceRepository;
  readonly knownDevices: KnownDeviceRepository;
  readonly audit: AccountAuditRepository;

  /** `reader`: Database.reader for the sign-in check of every request (see DeviceRepository). */
  constructor(
    private readonly db: Kysely<DB>,
    reader: Kysely<DB> = db,
  ) {
    this.users = new UserRepository(db);
    this.devices = new DeviceRepository(db, reader);
    this.knownDevices = new KnownDeviceRepository(db);
    this.audit = new AccountAuditRepository(db);
  }

  transaction<T>(work: (store: AccountStore) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new AccountStore(trx)));
  }
}
