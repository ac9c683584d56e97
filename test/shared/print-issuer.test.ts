import { describe, expect, it } from 'vitest';
import { defaultAgencies } from '../../src/shared/agencies/default-agencies';
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import { AN_GIANG_2025, KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import {
  issuingUnitOn,
  leadAgencyOn,
  issueDateText,
  placeName,
  printIssuer,
  recipientsOf,
} from '../../src/shared/reports/print-issuer';

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

// A report printed today about a unit of the 2024 map is issued by a body that exists today: the
// People's Committee of Phường Vĩnh Bảo or of Thành phố Rạch Giá, and the UBND of Tỉnh Kiên
// Giang, ended on 30/06/2025 (the print view said "UBND TỈNH KIÊN GIANG / SỞ NÔNG NGHIỆP VÀ MÔI
// TRƯỜNG TỈNH AN GIANG" and "ỦY BAN NHÂN DÂN PHƯỜNG VĨNH BẢO" in 2026).
describe('issuing unit of a report about a unit of an earlier map', () => {
  const catalog = new GeographyCatalog(defaultGeographies());
  const today = '2026-12-01';
  const issuerOf = (geographyId: string, code: string, date = today) => {
    const ref = issuingUnitOn(catalog, { geographyId, code }, date);
    const unit = catalog.unit(ref)!;
    return printIssuer({ unitName: unit.name, isProvince: !unit.parentCode, agencies, date });
  };

  it('a unit of the map in force issues its own report', () => {
    expect(issuingUnitOn(catalog, { geographyId: AN_GIANG_2025, code: '30742' }, today)).toEqual({
      geographyId: AN_GIANG_2025,
      code: '30742',
    });
    // Before July 2025 the 2024 ward still existed.
    expect(issuerOf(KIEN_GIANG_2024, '30742', '2025-06-30').body).toBe(
      'ỦY BAN NHÂN DÂN PHƯỜNG VĨNH BẢO',
    );
  });

  it('an old ward’s report is issued by the commune it became', () => {
    expect(issuingUnitOn(catalog, { geographyId: KIEN_GIANG_2024, code: '30742' }, today)).toEqual({
      geographyId: AN_GIANG_2025,
      code: '30742',
    });
    expect(issuerOf(KIEN_GIANG_2024, '30742')).toEqual({
      superior: null,
      body: 'ỦY BAN NHÂN DÂN PHƯỜNG RẠCH GIÁ',
      signer: 'committee',
    });
  });

  it('an old district’s report, its communes now in several, by the province’s department', () => {
    // Thành phố Rạch Giá (899): Phường Rạch Giá, Phường Vĩnh Thông (with Xã Mỹ Lâm of Hòn Đất)…
    expect(issuingUnitOn(catalog, { geographyId: KIEN_GIANG_2024, code: '899' }, today)).toEqual({
      geographyId: AN_GIANG_2025,
      code: '91',
    });
    expect(issuerOf(KIEN_GIANG_2024, '899')).toEqual({
      superior: 'UBND TỈNH AN GIANG',
      body: 'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG',
      signer: 'director',
    });
  });

  it('old Kiên Giang’s report by the Sở Nông nghiệp và Môi trường of An Giang', () => {
    expect(issuerOf(KIEN_GIANG_2024, '91')).toEqual({
      superior: 'UBND TỈNH AN GIANG',
      body: 'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG',
      signer: 'director',
    });
  });
});

// Decree 30/2020/NĐ-CP, Appendix I: "Địa danh, ngày … tháng … năm …" — the province's name for a
// provincial body, the commune's own name for a commune's People's Committee, in full when what
// is left is a number ("Phường 15").
describe('place before the date', () => {
  it('is the issuing unit’s name without its type', () => {
    expect(placeName({ name: 'Tỉnh An Giang', type: 'Tỉnh' })).toBe('An Giang');
    expect(placeName({ name: 'Phường Rạch Giá', type: 'Phường' })).toBe('Rạch Giá');
    expect(placeName({ name: 'Đặc khu Phú Quốc', type: 'Đặc khu' })).toBe('Phú Quốc');
    expect(placeName({ name: 'Phường 15', type: 'Phường' })).toBe('Phường 15');
    expect(placeName({ name: 'Thị Trấn Giồng Riềng', type: 'Thị trấn' })).toBe('Giồng Riềng');
  });
});

// Decree 30/2020/NĐ-CP, Appendix I, II.5.b: a day below 10 and the months 1 and 2 are written
// with a leading 0 ("ngày 01 tháng 02 năm 2026"), other months without ("tháng 12").
describe('date of issue', () => {
  it('pads days below 10 and January, February only', () => {
    expect(issueDateText('2026-12-01')).toBe('ngày 01 tháng 12 năm 2026');
    expect(issueDateText('2026-02-09')).toBe('ngày 09 tháng 02 năm 2026');
    expect(issueDateText('2026-01-15')).toBe('ngày 15 tháng 01 năm 2026');
    expect(issueDateText('2026-03-20')).toBe('ngày 20 tháng 3 năm 2026');
    expect(issueDateText('2025-11-30')).toBe('ngày 30 tháng 11 năm 2025');
  });
});

// "Nơi nhận" of a report with no "Kính gửi" line: "- Như trên;" named nobody. A commune's report
// goes to the department that compiles the province's (the agencies' data, so the 2025 move needs
// no code); the department's to the provincial People's Committee. Editable on the page.
describe('recipients', () => {
  it('a commune sends to the department holding the plan’s lead task on the day', () => {
    expect(
      recipientsOf({
        isProvince: false,
        provinceName: 'Tỉnh An Giang',
        agencies,
        date: '2026-12-01',
      }),
    ).toEqual(['Sở Nông nghiệp và Môi trường tỉnh An Giang', 'Lưu: VT.']);
    expect(
      recipientsOf({
        isProvince: false,
        provinceName: 'Tỉnh Kiên Giang',
        agencies,
        date: '2024-06-01',
      })[0],
    ).toBe('Sở Lao động – Thương binh và Xã hội tỉnh Kiên Giang');
  });

  it('the department sends to the provincial People’s Committee', () => {
    expect(
      recipientsOf({
        isProvince: true,
        provinceName: 'Tỉnh An Giang',
        agencies,
        date: '2026-12-01',
      }),
    ).toEqual(['UBND tỉnh An Giang', 'Lưu: VT.']);
  });

  it('with no agency data a commune sends to the provincial People’s Committee', () => {
    expect(
      recipientsOf({
        isProvince: false,
        provinceName: 'Tỉnh An Giang',
        agencies: [],
        date: '2026-12-01',
      })[0],
    ).toBe('UBND tỉnh An Giang');
  });
});
