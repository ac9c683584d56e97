// Organising agencies as data (issue 9): names change with reorganisations (the Sở LĐ-TB&XH
// handed poverty reduction to the Sở Nông nghiệp và Môi trường on 1 March 2025), so each agency
// has the days it existed under that name. The activity form suggests those valid on the
// activity's date; the officer may still type any organiser. Kept free of zod (client start-up).

/** In a name, replaced by the chosen commune's name: "Ủy ban nhân dân {commune}". */
export const COMMUNE_PLACEHOLDER = '{commune}';

export interface Agency {
  /** Stable, kebab-case: 'so-nong-nghiep-moi-truong-an-giang'. */
  id: string;
  name: string;
  /** First day (yyyy-MM-dd) under this name; absent = always before. */
  validFrom?: string;
  /** Last day (yyyy-MM-dd) under this name; absent = still in existence. */
  validTo?: string;
  /** The agency that took over (for people reading old records). */
  successorId?: string;
}

export function isValidOn(agency: Agency, date: string): boolean {
  return (
    (agency.validFrom === undefined || agency.validFrom <= date) &&
    (agency.validTo === undefined || date <= agency.validTo)
  );
}

/**
 * The organisers to suggest for an activity dated `date` in the commune named `communeName`:
 * the agencies valid that day, with "{commune}" filled in (left out when no commune is chosen).
 */
export function organiserSuggestions(
  agencies: readonly Agency[],
  date: string,
  communeName: string | undefined,
): string[] {
  const names = agencies
    .filter((a) => isValidOn(a, date))
    .flatMap((a) => {
      if (!a.name.includes(COMMUNE_PLACEHOLDER)) return [a.name];
      return communeName ? [a.name.replaceAll(COMMUNE_PLACEHOLDER, communeName)] : [];
    });
  return [...new Set(names)].sort((a, b) => a.localeCompare(b, 'vi'));
}
