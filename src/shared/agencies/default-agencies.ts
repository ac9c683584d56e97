import type { Agency } from './agency';

/**
 * The organisers seeded by migration 0011 (docs/geography.md): the departments of plan
 * 106/KH-UBND and what they became in 2025, and the commune People's Committees. The province
 * edits the list afterwards (`npm run agencies`, the admin screen); this is not read at run time.
 */
export function defaultAgencies(): Agency[] {
  return [
    {
      id: 'so-lao-dong-tbxh-kien-giang',
      name: 'Sở Lao động – Thương binh và Xã hội tỉnh Kiên Giang',
      validTo: '2025-02-28',
      successorId: 'so-nong-nghiep-moi-truong-kien-giang',
    },
    {
      id: 'so-nong-nghiep-moi-truong-kien-giang',
      name: 'Sở Nông nghiệp và Môi trường tỉnh Kiên Giang',
      validFrom: '2025-03-01',
      validTo: '2025-06-30',
      successorId: 'so-nong-nghiep-moi-truong-an-giang',
    },
    {
      id: 'so-nong-nghiep-moi-truong-an-giang',
      name: 'Sở Nông nghiệp và Môi trường tỉnh An Giang',
      validFrom: '2025-07-01',
    },
    {
      id: 'so-thong-tin-truyen-thong-kien-giang',
      name: 'Sở Thông tin và Truyền thông tỉnh Kiên Giang',
      validTo: '2025-02-28',
      successorId: 'so-khoa-hoc-cong-nghe-kien-giang',
    },
    {
      id: 'so-khoa-hoc-cong-nghe-kien-giang',
      name: 'Sở Khoa học và Công nghệ tỉnh Kiên Giang',
      validTo: '2025-06-30',
      successorId: 'so-khoa-hoc-cong-nghe-an-giang',
    },
    {
      id: 'so-khoa-hoc-cong-nghe-an-giang',
      name: 'Sở Khoa học và Công nghệ tỉnh An Giang',
      validFrom: '2025-07-01',
    },
    { id: 'ubnd-xa', name: 'Ủy ban nhân dân {commune}' },
  ];
}
