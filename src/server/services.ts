import type { Database } from './db/database';
import { AccountService } from './modules/auth/account.service';
import { DeviceRepository } from './modules/auth/device.repository';
import { UserRepository } from './modules/auth/user.repository';
import { AdminUnitRepository } from './modules/units/admin-unit.repository';
import { AdminUnitService } from './modules/units/admin-unit.service';

/** The account services over one database: shared by the HTTP app and the users CLI. */
export function accountServices(database: Database, clock: () => Date) {
  const units = new AdminUnitService(new AdminUnitRepository(database.db));
  const users = new UserRepository(database.db);
  const devices = new DeviceRepository(database.db);
  return { units, users, devices, accounts: new AccountService(users, devices, units, clock) };
}
