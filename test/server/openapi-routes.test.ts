import type { FastifyInstance, HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';

// The OpenAPI description (src/shared/api/openapi-document.ts) and the routes the server really
// registers must list the same operations.
describe('OpenAPI description matches the registered routes', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ database: { kind: 'sqlite', file: ':memory:' } });
  });
  afterAll(() => app?.close());

  it('documents every route and only real ones', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({
        method: method.toUpperCase() as HTTPMethods,
        url: path.replace(/\{(\w+)\}/g, ':$1'),
      })),
    );
    for (const route of documented)
      expect(app.hasRoute(route), `${route.method} ${route.url}`).toBe(true);

    const registered = app
      .printRoutes({ commonPrefix: false })
      .match(/\(([A-Z, ]+)\)/g)!
      .flatMap((group) => group.slice(1, -1).split(', '))
      .filter((method) => method !== 'HEAD');
    // Every registered operation but the description itself is documented.
    expect(documented).toHaveLength(registered.length - 1);
  });
});
