import type { Agency } from '../../../shared/agencies/agency';
import type { AgencyRepository } from './agency.repository';

/** The organising agencies: listed for everyone, edited by administrators (screen and CLI). */
export class AgencyService {
  constructor(
    private readonly repository: AgencyRepository,
    private readonly clock: () => Date,
  ) {}

  list(): Promise<Agency[]> {
    return this.repository.listAll();
  }

  /** Adds or replaces one agency; phones get it on their next pull. */
  save(agency: Agency, updatedBy: string): Promise<number> {
    return this.repository.save(agency, updatedBy, this.clock().toISOString());
  }
}
