import { isValidOn, type Agency } from '../agencies/agency';
import type { GeographyCatalog } from '../geography/geography-catalog';
import type { UnitRef } from '../geography/geography';
import { levelsOf, placeIn } from '../geography/roll-up';

// Who issues a report, as Decree 30/2020/NĐ-CP (Appendix I) writes it top left: a People's
// Committee in full under no superior line ("ỦY BAN NHÂN DÂN PHƯỜNG RẠCH GIÁ"); a department
// under its superior, abbreviated ("UBND TỈNH AN GIANG" / "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG").
// Plan 106/KH-UBND has the province's results compiled by its lead department, the Sở LĐ-TB&XH;
// which agency that is now comes from the agencies' data (successor chain, validity), so the
// 2025 move to the Sở Nông nghiệp và Môi trường — or a later one — needs no code.

/** The plan's lead department (plan 106/KH-UBND, section V), as seeded in the agencies. */
export const PLAN_LEAD_AGENCY_ID = 'so-lao-dong-tbxh-kien-giang';

export interface PrintIssuer {
  /** The directly superior body, or null. */
  superior: string | null;
  body: string;
  /** Who signs: for the committee (TM. UBND / CHỦ TỊCH) or as the department's director. */
  signer: 'committee' | 'director';
}

export interface IssuerInput {
  /** The reporting unit: its name ("Phường Rạch Giá", "Tỉnh An Giang") and whether it is the root. */
  unitName: string;
  isProvince: boolean;
  agencies: readonly Agency[];
  /** The day the report is issued (yyyy-MM-dd): which agency holds the task that day. */
  date: string;
}

/** The agency holding the plan lead's task on `date`, following successors; null if none. */
export function leadAgencyOn(agencies: readonly Agency[], date: string): Agency | null {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  let agency = byId.get(PLAN_LEAD_AGENCY_ID);
  const seen = new Set<string>();
  while (agency && !isValidOn(agency, date) && agency.successorId && !seen.has(agency.id)) {
    seen.add(agency.id);
    agency = byId.get(agency.successorId);
  }
  return agency && isValidOn(agency, date) ? agency : null;
}

const upper = (s: string) => s.toLocaleUpperCase('vi');
const committee = (unitName: string) => `Ủy ban nhân dân ${unitName}`;

export function printIssuer(input: IssuerInput): PrintIssuer {
  const { unitName, isProvince, agencies, date } = input;
  const lead = isProvince ? leadAgencyOn(agencies, date) : null;
  if (!lead) {
    return {
      superior: null,
      body: upper(committee(unitName)),
      signer: 'committee',
    };
  }
  // "Sở Nông nghiệp và Môi trường tỉnh An Giang" under "UBND TỈNH AN GIANG": the province's
  // name is on the line above.
  const place = unitName.replace(/^Tỉnh\s+/i, '');
  const body = lead.name.replace(new RegExp(`\\s+tỉnh\\s+${escape(place)}$`, 'i'), '');
  return { superior: upper(`UBND ${unitName}`), body: upper(body), signer: 'director' };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The unit that issues, on `date`, a report about `ref`: `ref` itself while its geography is in
 * force; once a reorganisation has abolished it, the smallest unit of the geography in force
 * holding every place it covered — an old ward → the commune it became; an old district whose
 * communes went to several → the province; Tỉnh Kiên Giang → Tỉnh An Giang. A People's
 * Committee that no longer exists issues nothing. `ref` when nothing holds it.
 */
export function issuingUnitOn(catalog: GeographyCatalog, ref: UnitRef, date: string): UnitRef {
  const current = catalog.inForceOn(date).id;
  if (ref.geographyId === current) return ref;
  for (const level of [...levelsOf(catalog, current)].reverse()) {
    const code = placeIn(catalog, ref, { geographyId: current, level });
    if (code !== undefined) return { geographyId: current, code };
  }
  return ref;
}

/**
 * The place before "ngày … tháng … năm …" (Decree 30/2020/NĐ-CP, Appendix I): the issuing unit's
 * own name without its type — "An Giang" for a provincial body, "Rạch Giá" for Phường Rạch Giá —
 * and in full when what is left is a number ("Phường 15").
 */
export function placeName(unit: { name: string; type: string }): string {
  const type = unit.type.toLocaleLowerCase('vi');
  if (!unit.name.toLocaleLowerCase('vi').startsWith(`${type} `)) return unit.name;
  const rest = unit.name.slice(type.length + 1).trim();
  return rest === '' || /^\d/.test(rest) ? unit.name : rest;
}

/**
 * "ngày 01 tháng 12 năm 2026": Decree 30/2020/NĐ-CP, Appendix I, II.5.b — a day below 10 and
 * the months 1 and 2 take a leading 0, other months do not.
 */
export function issueDateText(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const dd = String(day).padStart(2, '0');
  const mm = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `ngày ${dd} tháng ${mm} năm ${year}`;
}

/**
 * "Nơi nhận" (each line without its dash): a commune's report goes to the department that holds
 * the plan's lead task on `date` (plan 106/KH-UBND, V.5: results are sent to it; today the Sở
 * Nông nghiệp và Môi trường), the department's to the provincial People's Committee (V: it
 * compiles for the UBND tỉnh), then the issuer's own archive. The page lets the officer edit it.
 */
export function recipientsOf(input: {
  isProvince: boolean;
  /** The province of the issuing unit's map: "Tỉnh An Giang". */
  provinceName: string;
  agencies: readonly Agency[];
  date: string;
}): string[] {
  const committee = `UBND ${input.provinceName.replace(/^Tỉnh\b/, 'tỉnh')}`;
  const lead = input.isProvince ? null : leadAgencyOn(input.agencies, input.date);
  return [lead ? lead.name : committee, 'Lưu: VT.'];
}
