import type { ProvinceSettings } from '../../../shared/reports/province-settings';
import type { SettingsRepository } from './settings.repository';

/** The province's settings: read by everyone, changed by administrators (API, screen, CLI). */
export class SettingsService {
  constructor(
    private readonly repository: SettingsRepository,
    private readonly clock: () => Date,
  ) {}

  read(): Promise<ProvinceSettings> {
    return this.repository.read();
  }

  /** Replaces the settings; phones get them on their next pull. */
  save(settings: ProvinceSettings, updatedBy: string): Promise<number> {
    return this.repository.save(settings, updatedBy, this.clock().toISOString());
  }
}
