import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { DeviceRepository } from '../auth/device.repository';
import { KnownDeviceRepository } from '../auth/known-device.repository';
import { LoginAttemptRepository } from '../auth/login-attempt.repository';
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
  readonly loginAttempts: LoginAttemptRepository;

  /** `reader`: Database.reader for the sign-in check of every request (see DeviceRepository). */
  constructor(
    private readonly db: Kysely<DB>,
    reader: Kysely<DB> = db,
  ) {
    this.users = new UserRepository(db);
    this.devices = new DeviceRepository(db, reader);
    this.knownDevices = new KnownDeviceRepository(db);
    this.audit = new AccountAuditRepository(db);
    this.loginAttempts = new LoginAttemptRepository(db);
  }

  /**
   * After a password reset every device must prove itself again (none is exempt from the login
   * limits any more), and the failures counted against the account so far are forgotten: they
   * were guesses at a password that no longer exists, and the owner must not wait them out.
   */
  async forgetLogins(user: { id: string; username: string }): Promise<void> {
    await this.knownDevices.forgetAllOf(user.id);
    await this.loginAttempts.forgetUser(user.username);
  }

  transaction<T>(work: (store: AccountStore) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new AccountStore(trx)));
  }
}
