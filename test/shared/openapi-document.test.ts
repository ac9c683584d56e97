import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/shared/api/openapi-document';

describe('OpenAPI description', () => {
  const doc = buildOpenApiDocument('1.0.0') as {
    openapi: string;
    paths: Record<string, unknown>;
    components: {
      schemas: Record<string, { oneOf?: { properties: { type: { const: string } } }[] }>;
    };
  };

  it('describes the sync and auth endpoints', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/sync/push',
        '/api/sync/pull',
        '/api/auth/login',
        '/api/health',
      ]),
    );
  });

  it('derives the activity schema from the zod union, one variant per activity type', () => {
    const variants = doc.components.schemas.Activity?.oneOf ?? [];
    expect(variants.map((v) => v.properties.type.const).sort()).toEqual([
      'community_talk',
      'dialogue',
      'emulation',
      'mass_media',
      'other',
      'printed_materials',
      'training',
    ]);
    expect(JSON.stringify(doc)).not.toContain('$schema');
  });
});
