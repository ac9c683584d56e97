import type { Database } from './db/database';
import { AccountService } from './modules/auth/account.service';
import { GeographyRepository } from './modules/geography/geography.repository';
import { GeographyService } from './modules/geography/geography.service';
import { AccountStore } from './modules/users/account-store.repository';

/** The account services over one database: shared by the HTTP app and the users CLI. */
export function accountServices(database: Database, clock: () => Date) {
  const geographies = new GeographyService(
    new GeographyRepository(database.db, database.reader),
    clock,
  );
  const store = new AccountStore(database.db, database.reader);
  return {
    geographies,
    users: store.users,
    devices: store.devices,
    knownDevices: store.knownDevices,
    accounts: new AccountService(store, geographies, clock),
  };
}
