import { z } from 'zod';

// Administrative units are reference data, not code: Vietnam removed the district level on
// 1 July 2025, so nothing here assumes how many levels sit between the province and a commune.
export const adminUnitSchema = z.object({
  code: z.string().min(1).max(20),
  name: z.string().min(1).max(200),
  /** Display type as published (Tỉnh, Huyện, Thành phố, Xã, Phường, Thị trấn, Đặc khu…). */
  type: z.string().max(50),
  /** Free-form level label ('province', 'district', 'commune'); only the tree shape matters. */
  level: z.string().max(30),
  parentCode: z.string().min(1).max(20).nullable(),
});
export type AdminUnit = z.infer<typeof adminUnitSchema>;

export const adminUnitDatasetSchema = z.object({
  source: z.string().optional(),
  validFor: z.string().optional(),
  units: z.array(adminUnitSchema).min(1),
});
export type AdminUnitDataset = z.infer<typeof adminUnitDatasetSchema>;
