import type { FastifyInstance } from 'fastify';
import {
  provinceSettingsSchema,
  type ProvinceSettings,
} from '../../../shared/reports/province-settings';
import { parseWith } from '../../http/parse';
import { authOf, requireAdmin, type AuthHook } from '../auth/authenticate';
import type { SettingsService } from './settings.service';

/** The province's settings: every signed-in user reads them (phones also pull them). */
export function registerSettingsRoutes(
  app: FastifyInstance,
  settings: SettingsService,
  authenticate: AuthHook,
) {
  const guarded = { onRequest: authenticate };

  app.get('/api/settings', guarded, async (request): Promise<ProvinceSettings> => {
    authOf(request);
    return settings.read();
  });

  app.put('/api/admin/settings', guarded, async (request): Promise<ProvinceSettings> => {
    const admin = requireAdmin(request);
    const next = parseWith(provinceSettingsSchema, request.body);
    await settings.save(next, admin.user.displayName);
    return next;
  });
}
