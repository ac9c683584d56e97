import type { AdminUnitTree } from '../../../shared/admin-units/admin-unit-tree';
import type { CreateUserRequest } from '../../../shared/auth/account.schema';
import { translateKey } from '../../../shared/i18n/translate-key';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import { PROBLEM_TYPES, type Device, type PublicUser } from '../../../shared/sync/sync-protocol';
import { V } from '../../../shared/validation/messages';
import { isUniqueViolation } from '../../db/db-errors';
import { HttpProblem, conflict, notFound } from '../../http/problem';
import type { AdminUnitService } from '../units/admin-unit.service';
import { publicDevice, publicUser } from './auth.service';
import type { DeviceRepository } from './device.repository';
import { hashPassword } from './password-hash';
import { newInitialPassword } from './token';
import type { UserRepository, UserRow } from './user.repository';

export interface AccountSummary extends PublicUser {
  createdAt: string;
  updatedAt: string;
  activeDevices: number;
}

function invalidField(path: string, code: string, detail: string): HttpProblem {
  return new HttpProblem(400, PROBLEM_TYPES.validation, detail, [
    { path, code, message: translateKey(code) },
  ]);
}

/** Officer accounts: used by the admin API and the users CLI alike. */
export class AccountService {
  constructor(
    private readonly users: UserRepository,
    private readonly devices: DeviceRepository,
    private readonly units: AdminUnitService,
    private readonly clock: () => Date,
  ) {}

  async createUser(request: CreateUserRequest): Promise<PublicUser> {
    checkUnit(await this.units.tree(), request.role, request.unitCode);
    const now = this.clock().toISOString();
    const row: UserRow = {
      id: uuidv7(),
      username: request.username,
      display_name: request.displayName || request.username,
      role: request.role,
      unit_code: request.unitCode,
      password_hash: await hashPassword(request.password),
      created_at: now,
      updated_at: now,
    };
    try {
      await this.users.insert(row);
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict(`Tên đăng nhập "${request.username}" đã tồn tại.`);
      throw error;
    }
    return publicUser(row);
  }

  async listUsers(): Promise<AccountSummary[]> {
    const rows = await this.users.listWithActiveDevices(this.clock().toISOString());
    return rows.map((row) => ({
      ...publicUser(row),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      activeDevices: row.active_devices,
    }));
  }

  async findByUsername(username: string): Promise<PublicUser> {
    const row = await this.users.findByUsername(username.trim().toLowerCase());
    if (!row) throw notFound(`Không có tài khoản "${username}".`);
    return publicUser(row);
  }

  async resetPassword(userId: string, password: string): Promise<void> {
    const hash = await hashPassword(password);
    const updated = await this.users.updatePassword(userId, hash, this.clock().toISOString());
    if (!updated) throw notFound('Không tìm thấy tài khoản.');
  }

  async listDevices(userId: string): Promise<Device[]> {
    await this.requireUser(userId);
    const rows = await this.devices.listActive(userId, this.clock().toISOString());
    return rows.map((row) => publicDevice(row, null));
  }

  /** Revokes one device of the user, or all of them; returns how many tokens stopped working. */
  async revokeDevices(userId: string, deviceId?: string): Promise<number> {
    await this.requireUser(userId);
    const now = this.clock().toISOString();
    if (deviceId === undefined) return this.devices.revokeAllOf(userId, now);
    const device = await this.devices.findById(deviceId);
    if (!device || device.user_id !== userId)
      throw notFound('Không tìm thấy thiết bị của tài khoản này.');
    return (await this.devices.revoke(deviceId, now)) ? 1 : 0;
  }

  /**
   * On a database without accounts, creates `admin` (at the root unit) and returns its random
   * password for the operator to see once; null when accounts exist.
   */
  async ensureInitialAdmin(): Promise<string | null> {
    if ((await this.users.count()) > 0) return null;
    const root = (await this.units.tree()).roots()[0];
    if (!root) throw new Error('No admin units: cannot create the first admin');
    const password = newInitialPassword();
    try {
      await this.createUser({
        username: 'admin',
        password,
        role: 'admin',
        unitCode: root.code,
        displayName: 'Quản trị hệ thống',
      });
    } catch (error) {
      // Another process created it at the same moment: it printed the password, not us.
      if (error instanceof HttpProblem && error.status === 409) return null;
      throw error;
    }
    return password;
  }

  private async requireUser(userId: string): Promise<UserRow> {
    const row = await this.users.findById(userId);
    if (!row) throw notFound('Không tìm thấy tài khoản.');
    return row;
  }
}

function checkUnit(tree: AdminUnitTree, role: PublicUser['role'], unitCode: string): void {
  if (!tree.get(unitCode)) {
    throw invalidField(
      'unitCode',
      V.invalidValue,
      `Mã đơn vị "${unitCode}" không có trong danh mục.`,
    );
  }
  if (role === 'commune' && !tree.isLeaf(unitCode)) {
    throw invalidField(
      'unitCode',
      V.unitNotLeaf,
      'Tài khoản cấp xã phải thuộc một xã, phường hoặc thị trấn.',
    );
  }
}
