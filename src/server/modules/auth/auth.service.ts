import type {
  Device,
  LoginRequest,
  LoginResponse,
  PublicUser,
} from '../../../shared/auth/auth-protocol';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import { forbidden, notFound, unauthorized } from '../../http/problem';
import type { DeviceRepository, DeviceRow } from './device.repository';
import type { KnownDeviceRepository } from './known-device.repository';
import type { LimitKey, LoginLimiter } from './login-limits';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password-hash';
import { hashToken, newDeviceKey, newToken } from './token';
import type { UserRepository, UserRow } from './user.repository';

export const TOKEN_TTL_MS = 180 * 24 * 3600_000;
// Sliding expiry is written at most this often per device, not on every request.
const TOUCH_INTERVAL_MS = 10 * 60_000;

export interface AuthContext {
  user: PublicUser;
  deviceId: string;
}

export function publicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitCode: row.unit_code,
    geographyId: row.geography_id,
  };
}

export function publicDevice(row: DeviceRow, currentDeviceId: string | null): Device {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    current: row.id === currentDeviceId,
  };
}

export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly devices: DeviceRepository,
    private readonly knownDevices: KnownDeviceRepository,
    private readonly limits: LoginLimiter,
    private readonly clock: () => Date,
  ) {}

  /**
   * Checks the password after reserving the attempt under the caller's limits (a 429 otherwise):
   * a device that logged in to this account before only under its own key's limit, anyone else
   * under this username from this address and this username overall. Only failures count.
   */
  async login(
    request: LoginRequest,
    ip: string,
  ): Promise<LoginResponse & { device: Device; deviceKey: string }> {
    const username = request.username.trim().toLowerCase();
    const user = await this.users.findByUsername(username);
    const keyHash = request.deviceKey ? hashToken(request.deviceKey) : null;
    const known = !!user && !!keyHash && (await this.knownDevices.userOf(keyHash)) === user.id;
    const rules = this.limits.rules;
    const keys: LimitKey[] = known
      ? [{ key: `device:${keyHash}`, rule: rules.perKnownDevice }]
      : [
          { key: `address:${ip}|user:${username}`, rule: rules.perAddressAndUser },
          { key: `user:${username}`, rule: rules.perUser },
        ];
    const held = await this.limits.reserve(keys);
    const ok = await verifyPassword(
      request.password,
      user?.password_hash ?? (await dummyPasswordHash()),
    );
    if (!user || !ok) throw unauthorized('wrongCredentials');
    await this.limits.release(held);
    // The hash this password was checked against (the device is stored only while it holds).
    let checked = user.password_hash;
    // A hash from weaker, older parameters is replaced now that the password is at hand.
    if (needsRehash(user.password_hash)) {
      checked = await hashPassword(request.password);
      await this.users.replacePasswordHash(user.id, user.password_hash, checked);
    }
    // Said only to someone who knows the password: a guesser learns nothing from it.
    if (user.disabled_at !== null) {
      throw forbidden('accountDisabled');
    }

    const now = this.clock();
    const deviceKey = known ? request.deviceKey! : newDeviceKey();
    const token = newToken();
    const device: DeviceRow = {
      id: uuidv7(now.getTime()),
      user_id: user.id,
      name: request.deviceName.trim(),
      token_hash: hashToken(token),
      created_at: now.toISOString(),
      last_used_at: now.toISOString(),
      expires_at: new Date(now.getTime() + TOKEN_TTL_MS).toISOString(),
      revoked_at: null,
    };
    // A reset during the check: the old password opens nothing (as if it had been wrong).
    if (!(await this.devices.insertIfPassword(device, checked))) {
      throw unauthorized('wrongCredentials');
    }
    await this.knownDevices.remember(hashToken(deviceKey), user.id, now.toISOString());
    return {
      token,
      user: publicUser(user),
      device: publicDevice(device, device.id),
      deviceKey,
    };
  }

  /** The caller behind a bearer token, or null for an unknown, revoked or expired token. */
  async authenticate(token: string): Promise<AuthContext | null> {
    const found = await this.devices.findByTokenHash(hashToken(token));
    if (!found || found.device.revoked_at !== null || found.user.disabled_at !== null) return null;
    const now = this.clock();
    if (found.device.expires_at <= now.toISOString()) return null;
    if (now.getTime() - Date.parse(found.device.last_used_at) >= TOUCH_INTERVAL_MS) {
      const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS).toISOString();
      await this.devices.touch(found.device.id, now.toISOString(), expiresAt);
    }
    return { user: publicUser(found.user), deviceId: found.device.id };
  }

  async listDevices(auth: AuthContext): Promise<Device[]> {
    const rows = await this.devices.listActive(auth.user.id, this.clock().toISOString());
    return rows.map((row) => publicDevice(row, auth.deviceId));
  }

  /** Revokes one of the caller's devices (a lost phone); an admin may revoke anyone's. */
  async revokeDevice(auth: AuthContext, deviceId: string): Promise<void> {
    const device = await this.devices.findById(deviceId);
    if (!device) throw notFound('deviceNotFound');
    if (device.user_id !== auth.user.id && auth.user.role !== 'admin') {
      throw forbidden('notYourDevice');
    }
    await this.devices.revoke(deviceId, this.clock().toISOString());
  }
}
