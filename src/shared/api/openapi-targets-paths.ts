import { json, commonErrors, secured } from './openapi-components';

// OpenAPI operations of the yearly targets (chỉ tiêu) per unit (docs/reports.md, "Targets").
export function openApiTargetsPaths() {
  return {
    '/api/reports/targets': {
      get: {
        summary:
          'A unit’s and its child units’ targets for a year, and whether the caller may set them',
        security: secured,
        parameters: [
          { name: 'unit', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'geography', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'year', in: 'query', required: true, schema: { type: 'integer' } },
        ],
        responses: {
          '200': { description: 'The targets', content: json('UnitTargets') },
          ...commonErrors,
        },
      },
      put: {
        summary:
          'Replace a unit’s targets for a year (province officer, district officer in its district, admin); who and when are kept',
        security: secured,
        requestBody: { required: true, content: json('TargetSet') },
        responses: {
          '200': { description: 'The targets after the change', content: json('UnitTargets') },
          ...commonErrors,
        },
      },
    },
  };
}
