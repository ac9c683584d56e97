import { z } from 'zod';
import { adminUnitSchema } from '../admin-units/admin-unit.schema';
import type { Geography } from './geography';

// The file format of a geography (src/shared/geography/data/*.geography.json, and what
// `npm run geography -- import --file F` accepts). Structure only; the catalog checks that the
// tree is a tree and the mapping is complete (GeographyCatalog's constructor).

export const geographyIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case id, e.g. an-giang-2025')
  .max(60);

export const communeMappingSchema = z.object({
  fromCode: z.string().min(1).max(20),
  toCode: z.string().min(1).max(20),
});

export const geographySchema = z.object({
  id: geographyIdSchema,
  name: z.string().trim().min(1).max(200),
  validFrom: z.iso.date(),
  source: z.string().max(2000).optional(),
  units: z.array(adminUnitSchema).min(1),
  predecessor: z
    .object({
      geographyId: geographyIdSchema,
      source: z.string().max(2000).optional(),
      communes: z.array(communeMappingSchema).min(1),
    })
    .optional(),
}) satisfies z.ZodType<Geography>;
