import type { Database } from './db/database';
import { AccountService } from './modules/auth/account.service';
import { AccountStore } from './modules/users/account-store.repository';
import { AdminUnitRepository } from './modules/units/admin-unit.repository';
import { AdminUnitService } from './modules/units/admin-unit.service';

/** The account services over one database: shared by the HTTP app and the users CLI. */
export function accountServices(database: Database, clock: () => Date) {
  const units = new AdminUnitService(new AdminUnitRepository(database.db));
  const store = new AccountStore(database.db);
  return {
    units,
    users: store.users,
    devices: store.devices,
    knownDevices: store.knownDevices,
    accounts: new AccountService(store, units, clock),
  };
}
