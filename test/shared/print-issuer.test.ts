import { describe, expect, it } from 'vitest';
import { defaultAgencies } from '../../src/shared/agencies/default-agencies';
import { leadAgencyOn, printIssuer } from '../../src/shared/reports/print-issuer';

// The issuing body of the A4 report (Decree 30/2020/NĐ-CP): the province's report comes from the
// department that holds plan 106's lead task on the day — by the agencies' data, so the 2025
// moves need no code; a commune's (or a 2024 district's) from its People's Committee.
const agencies = defaultAgencies();

describe('print issuer', () => {
  it('follows the plan lead department through its successors', () => {
    expect(leadAgencyOn(agencies, '2024-04-04')?.id).toBe('so-lao-dong-tbxh-kien-giang');
    expect(leadAgencyOn(agencies, '2025-03-01')?.id).toBe('so-nong-nghiep-moi-truong-kien-giang');
    expect(leadAgencyOn(agencies, '2026-11-30')?.id).toBe('so-nong-nghiep-moi-truong-an-giang');
    expect(leadAgencyOn([], '2026-11-30')).toBeNull();
  });

  it('today the province report is the Sở Nông nghiệp và Môi trường’s, under the UBND', () => {
    expect(
      printIssuer({ unitName: 'Tỉnh An Giang', isProvince: true, agencies, date: '2026-11-30' }),
    ).toEqual({
      superior: 'UBND TỈNH AN GIANG',
      body: 'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG',
      signer: 'director',
    });
    // In April 2024 it was the Sở LĐ-TB&XH of Kiên Giang.
    expect(
      printIssuer({ unitName: 'Tỉnh Kiên Giang', isProvince: true, agencies, date: '2024-06-01' })
        .body,
    ).toBe('SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI');
  });

  it('a commune’s report is its People’s Committee’s, in full, with no superior line', () => {
    expect(
      printIssuer({ unitName: 'Phường Rạch Giá', isProvince: false, agencies, date: '2026-11-30' }),
    ).toEqual({ superior: null, body: 'ỦY BAN NHÂN DÂN PHƯỜNG RẠCH GIÁ', signer: 'committee' });
  });

  it('with no agency data the province signs for its People’s Committee', () => {
    expect(
      printIssuer({
        unitName: 'Tỉnh An Giang',
        isProvince: true,
        agencies: [],
        date: '2026-11-30',
      }),
    ).toEqual({ superior: null, body: 'ỦY BAN NHÂN DÂN TỈNH AN GIANG', signer: 'committee' });
  });
});
