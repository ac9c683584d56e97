import type {
  AccountSummary,
  AuditAction,
  AuditEntry,
} from '../../../shared/auth/account-admin.schema';
import type {
  CreateUserRequest,
  MoveUserRequest,
  UpdateUserRequest,
} from '../../../shared/auth/account.schema';
import type { Role } from '../../../shared/auth/roles';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import { type Device, type PublicUser } from '../../../shared/auth/auth-protocol';
import { V } from '../../../shared/validation/messages';
import { isUniqueViolation } from '../../db/db-errors';
import { HttpProblem, conflict, forbidden, notFound } from '../../http/problem';
import type { GeographyService } from '../geography/geography.service';
import type { AccountStore } from '../users/account-store.repository';
import { newTemporaryPassword } from '../users/temporary-password';
import { publicDevice, publicUser } from './auth.service';
import { auditEntryOf, checkUnit, invalidField, summaryOf } from './account-rules';
import { FIRST_ADMIN_DISPLAY_NAME } from './first-admin-texts';
import { hashPassword, verifyPassword } from './password-hash';
import { newInitialPassword } from './token';
import type { UserPatch, UserRow } from './user.repository';

export type { AccountSummary };

/** Who changes an account: an admin, the officer themself, or the server's command line. */
export interface Actor {
  id: string | null;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

type Details = AuditEntry['details'];

/**
 * Officer accounts: used by the admin API, the officer's own settings and the users CLI alike.
 * Every change commits together with its audit-log entry.
 */
export class AccountService {
  constructor(
    private readonly store: AccountStore,
    private readonly geographies: GeographyService,
    private readonly clock: () => Date,
  ) {}

  /** Creates an account; without a password in the request, makes one up and returns it once. */
  async createUser(
    request: CreateUserRequest,
    actor: Actor,
  ): Promise<{ user: AccountSummary; password: string | null }> {
    const geographyId = await this.checkUnit(request);
    const generated = request.password === undefined ? newTemporaryPassword() : null;
    const now = this.clock().toISOString();
    const row: UserRow = {
      id: uuidv7(),
      username: request.username,
      display_name: request.displayName || request.username,
      role: request.role,
      unit_code: request.unitCode,
      geography_id: geographyId,
      password_hash: await hashPassword(request.password ?? generated!),
      created_at: now,
      updated_at: now,
      disabled_at: null,
    };
    try {
      await this.store.transaction(async (store) => {
        await store.users.insert(row);
        await this.record(store, actor, 'user.created', row, now, {
          role: row.role,
          unitCode: row.unit_code,
          geographyId: row.geography_id,
          displayName: row.display_name,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('usernameTaken', { username: request.username });
      throw error;
    }
    return { user: summaryOf(row, 0), password: generated };
  }

  async listUsers(): Promise<AccountSummary[]> {
    const rows = await this.store.users.listWithActiveDevices(this.clock().toISOString());
    return rows.map((row) => summaryOf(row, row.active_devices));
  }

  async findByUsername(username: string): Promise<PublicUser> {
    const row = await this.store.users.findByUsername(username.trim().toLowerCase());
    if (!row) throw notFound('accountNotFoundNamed', { username });
    return publicUser(row);
  }

  /**
   * Changes role, unit, name or the disabled flag. Disabling ends all its sessions. A new role or
   * unit keeps them, as `moveUser` does: every request is authorised from the account as it is
   * now, so the new scope applies to the very next request, and a phone keeps syncing its unsaved
   * work and gets the new scope on its next pull (logging it out would gain no security and
   * leave a phone offline across the change unable to send what it holds). An admin cannot
   * disable or demote their own account (there is always an admin left).
   */
  async updateUser(
    userId: string,
    patch: UpdateUserRequest,
    actor: Actor,
  ): Promise<AccountSummary> {
    const user = await this.requireUser(userId);
    if (
      actor.id === userId &&
      (patch.disabled === true || (patch.role && patch.role !== 'admin'))
    ) {
      throw forbidden('selfLockout');
    }
    const role = patch.role ?? user.role;
    const unitCode = patch.unitCode ?? user.unit_code;
    // A new unit is one of the geography in force unless the patch names another.
    const geographyId =
      patch.unitCode !== undefined || patch.geographyId !== undefined
        ? await this.checkUnit({ role, unitCode, geographyId: patch.geographyId })
        : user.geography_id;
    if (role !== user.role && geographyId === user.geography_id && unitCode === user.unit_code) {
      await this.checkUnit({ role, unitCode, geographyId });
    }
    const now = this.clock().toISOString();
    const changes: UserPatch = {};
    const entries: [AuditAction, Details][] = [];
    if (role !== user.role) {
      changes.role = role;
      entries.push(['user.role_changed', { from: user.role, to: role }]);
    }
    if (unitCode !== user.unit_code || geographyId !== user.geography_id) {
      changes.unit_code = unitCode;
      changes.geography_id = geographyId;
      entries.push([
        'user.unit_changed',
        {
          from: user.unit_code,
          to: unitCode,
          fromGeography: user.geography_id,
          toGeography: geographyId,
        },
      ]);
    }
    if (patch.displayName !== undefined && patch.displayName !== user.display_name) {
      changes.display_name = patch.displayName;
      entries.push(['user.name_changed', { from: user.display_name, to: patch.displayName }]);
    }
    const disabling = patch.disabled === true && user.disabled_at === null;
    if (disabling) changes.disabled_at = now;
    if (patch.disabled === false && user.disabled_at !== null) {
      changes.disabled_at = null;
      entries.push(['user.enabled', {}]);
    }
    await this.store.transaction(async (store) => {
      if (entries.length === 0 && !disabling) return;
      await store.users.update(userId, changes, now);
      if (disabling) {
        const revoked = await store.devices.revokeAllOf(userId, now);
        entries.push(['user.disabled', { revokedDevices: revoked }]);
      }
      for (const [action, details] of entries) {
        await this.record(store, actor, action, user, now, details);
      }
    });
    return this.summary(userId);
  }

  /**
   * Sets a new password and ends every session of the account. `password` null: the server makes
   * one up and returns it, for the admin to hand over once.
   */
  async resetPassword(userId: string, password: string | null, actor: Actor): Promise<string> {
    const user = await this.requireUser(userId);
    const next = password ?? newTemporaryPassword();
    const hash = await hashPassword(next);
    const now = this.clock().toISOString();
    await this.store.transaction(async (store) => {
      await store.users.updatePassword(userId, hash, now);
      const revoked = await store.devices.revokeAllOf(userId, now);
      // Every device proves itself again; the lock-out others' guesses caused is lifted.
      await store.forgetLogins(user);
      await this.record(store, actor, 'user.password_reset', user, now, {
        revokedDevices: revoked,
        generated: password === null,
      });
    });
    return next;
  }

  /**
   * An officer changes their own password: the current one must be right. Their other devices
   * are logged out; the one making the change stays logged in.
   */
  async changeOwnPassword(
    userId: string,
    currentDeviceId: string,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const user = await this.requireUser(userId);
    if (!(await verifyPassword(currentPassword, user.password_hash))) {
      throw invalidField('currentPassword', V.wrongPassword, 'wrongCurrentPassword');
    }
    const hash = await hashPassword(newPassword);
    const now = this.clock().toISOString();
    await this.store.transaction(async (store) => {
      await store.users.updatePassword(userId, hash, now);
      let revoked = 0;
      for (const device of await store.devices.listActive(userId, now)) {
        if (device.id !== currentDeviceId && (await store.devices.revoke(device.id, now))) {
          revoked += 1;
        }
      }
      await this.record(
        store,
        { id: user.id, name: user.username },
        'user.password_changed',
        user,
        now,
        {
          revokedDevices: revoked,
        },
      );
    });
  }

  async listDevices(userId: string): Promise<Device[]> {
    await this.requireUser(userId);
    const rows = await this.store.devices.listActive(userId, this.clock().toISOString());
    return rows.map((row) => publicDevice(row, null));
  }

  /** Revokes one device of the user, or all of them; returns how many tokens stopped working. */
  async revokeDevices(userId: string, deviceId: string | undefined, actor: Actor): Promise<number> {
    const user = await this.requireUser(userId);
    const now = this.clock().toISOString();
    if (deviceId === undefined) {
      return this.store.transaction(async (store) => {
        const revoked = await store.devices.revokeAllOf(userId, now);
        await this.record(store, actor, 'device.all_revoked', user, now, { count: revoked });
        return revoked;
      });
    }
    const device = await this.store.devices.findById(deviceId);
    if (!device || device.user_id !== userId) throw notFound('accountDeviceNotFound');
    return this.store.transaction(async (store) => {
      if (!(await store.devices.revoke(deviceId, now))) return 0;
      await this.record(store, actor, 'device.revoked', user, now, {
        deviceId,
        deviceName: device.name,
      });
      return 1;
    });
  }

  /**
   * The "Thiết bị" screen: an officer revokes one of their own devices (a lost phone); an admin
   * may revoke anyone's. Recorded like every other account change.
   */
  async revokeDeviceAs(
    caller: { id: string; username: string; role: Role },
    deviceId: string,
  ): Promise<void> {
    const device = await this.store.devices.findById(deviceId);
    if (!device) throw notFound('deviceNotFound');
    if (device.user_id !== caller.id && caller.role !== 'admin') {
      throw forbidden('notYourDevice');
    }
    await this.revokeDevices(device.user_id, deviceId, { id: caller.id, name: caller.username });
  }

  async auditLog(query: {
    userId?: string;
    before?: string;
    limit: number;
  }): Promise<{ entries: AuditEntry[]; nextBefore?: string }> {
    const rows = await this.store.audit.list({ ...query, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit).map(auditEntryOf);
    return rows.length > query.limit
      ? { entries: page, nextBefore: page.at(-1)!.id }
      : { entries: page };
  }

  /**
   * On a database without accounts, creates `admin` (at the root unit) and returns its random
   * password for the operator to see once; null when accounts exist.
   */
  async ensureInitialAdmin(): Promise<string | null> {
    if ((await this.store.users.count()) > 0) return null;
    const current = await this.geographies.inForceToday();
    const root = (await this.geographies.catalog()).tree(current.id).roots()[0];
    if (!root) throw new Error('No admin units: cannot create the first admin');
    const password = newInitialPassword();
    try {
      await this.createUser(
        {
          username: 'admin',
          password,
          role: 'admin',
          unitCode: root.code,
          geographyId: current.id,
          displayName: FIRST_ADMIN_DISPLAY_NAME,
        },
        SYSTEM_ACTOR,
      );
    } catch (error) {
      // Another process created it at the same moment: it printed the password, not us.
      if (error instanceof HttpProblem && error.status === 409) return null;
      throw error;
    }
    return password;
  }

  private async summary(userId: string): Promise<AccountSummary> {
    const user = await this.requireUser(userId);
    const devices = await this.store.devices.listActive(userId, this.clock().toISOString());
    return summaryOf(user, devices.length);
  }

  /**
   * Moves an account to another unit (and role) after a reorganisation: same id, password,
   * devices and history — like a PATCH of role/unit, its phones stay logged in, keep their
   * unsynced work and get the new scope on their next pull (the pull answer carries the account).
   */
  async moveUser(
    userId: string,
    request: MoveUserRequest,
    actor: Actor,
  ): Promise<{ before: PublicUser; after: PublicUser }> {
    const user = await this.requireUser(userId);
    const role = request.role ?? user.role;
    const geographyId = await this.checkUnit({ ...request, role });
    const now = this.clock().toISOString();
    const changes: UserPatch = { role, unit_code: request.unitCode, geography_id: geographyId };
    await this.store.transaction(async (store) => {
      await store.users.update(userId, changes, now);
      if (role !== user.role) {
        await this.record(store, actor, 'user.role_changed', user, now, {
          from: user.role,
          to: role,
        });
      }
      await this.record(store, actor, 'user.unit_changed', user, now, {
        from: user.unit_code,
        to: request.unitCode,
        fromGeography: user.geography_id,
        toGeography: geographyId,
      });
    });
    const after: UserRow = { ...user, ...changes, updated_at: now };
    return { before: publicUser(user), after: publicUser(after) };
  }

  /** Checks the unit for the role; returns the geography it belongs to. */
  private async checkUnit(request: {
    role: Role;
    unitCode: string;
    geographyId?: string | undefined;
  }): Promise<string> {
    const catalog = await this.geographies.catalog();
    const geographyId = request.geographyId ?? catalog.inForceOn(this.geographies.today()).id;
    if (!catalog.has(geographyId)) {
      throw invalidField('geographyId', V.invalidValue, 'geographyUnknown', {
        geography: geographyId,
      });
    }
    checkUnit(catalog, geographyId, request.role, request.unitCode);
    return geographyId;
  }

  private async requireUser(userId: string): Promise<UserRow> {
    const row = await this.store.users.findById(userId);
    if (!row) throw notFound('accountNotFound');
    return row;
  }

  private record(
    store: AccountStore,
    actor: Actor,
    action: AuditAction,
    target: UserRow,
    at: string,
    details: Details,
  ): Promise<void> {
    return store.audit.insert({
      id: uuidv7(),
      at,
      actor_id: actor.id,
      actor_name: actor.name,
      action,
      target_user_id: target.id,
      target_username: target.username,
      details: JSON.stringify(details),
    });
  }
}
