import { z } from 'zod';
import type { Agency } from './agency';

// An organising agency as the admin API, the CLI and the change feed carry it.
export const agencyIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case id, e.g. so-nong-nghiep-moi-truong')
  .max(80);

export const agencySchema = z
  .object({
    id: agencyIdSchema,
    name: z.string().trim().min(1).max(200),
    validFrom: z.iso.date().optional(),
    validTo: z.iso.date().optional(),
    successorId: agencyIdSchema.optional(),
  })
  .refine((a) => !a.validFrom || !a.validTo || a.validFrom <= a.validTo, {
    path: ['validTo'],
    message: 'validTo is before validFrom',
  }) satisfies z.ZodType<Agency>;

export const agenciesResponseSchema = z.object({ agencies: z.array(agencySchema) });
export type AgenciesResponse = z.infer<typeof agenciesResponseSchema>;
