import { provinceSettingsSchema } from '../reports/province-settings';
import {
  reopenRequestSchema,
  reportSubmissionSchema,
  submissionStatusSchema,
  submitRequestSchema,
} from '../reports/report-submission';

// The OpenAPI operations of the province settings and the submission of period reports, kept
// apart from openapi-document.ts (which merges them) so each file stays small.

export const reportExtensionComponents = {
  ProvinceSettings: provinceSettingsSchema,
  ReportSubmission: reportSubmissionSchema,
  SubmitRequest: submitRequestSchema,
  ReopenRequest: reopenRequestSchema,
  SubmissionStatus: submissionStatusSchema,
};

type Name = keyof typeof reportExtensionComponents;
type Helpers = {
  json: (name: Name) => unknown;
  problem: (description: string) => unknown;
  commonErrors: Record<string, unknown>;
  secured: unknown;
};

const periodParams = [
  { name: 'unit', in: 'query', required: false, schema: { type: 'string' } },
  { name: 'geography', in: 'query', required: false, schema: { type: 'string' } },
  {
    name: 'period',
    in: 'query',
    required: true,
    schema: { type: 'string', enum: ['first_half', 'full_year'] },
  },
  { name: 'year', in: 'query', required: true, schema: { type: 'integer' } },
];

export function reportExtensionPaths({ json, problem, commonErrors, secured }: Helpers) {
  return {
    '/api/settings': {
      get: {
        summary: 'The province’s report settings: default period basis, due dates per level',
        security: secured,
        responses: {
          '200': { description: 'Settings', content: json('ProvinceSettings') },
          ...commonErrors,
        },
      },
    },
    '/api/admin/settings': {
      put: {
        summary: 'Replace the province’s report settings; phones get them by pull (admin)',
        security: secured,
        requestBody: { required: true, content: json('ProvinceSettings') },
        responses: {
          '200': { description: 'Settings', content: json('ProvinceSettings') },
          ...commonErrors,
        },
      },
    },
    '/api/reports/submissions': {
      get: {
        summary:
          'Submission state of a unit’s period report and of its child units (due date, submitted at, days late)',
        security: secured,
        parameters: periodParams,
        responses: {
          '200': { description: 'Status', content: json('SubmissionStatus') },
          ...commonErrors,
        },
      },
      post: {
        summary:
          'Submit the caller’s own unit’s period report: figures frozen, the period’s records locked',
        security: secured,
        requestBody: { required: true, content: json('SubmitRequest') },
        responses: {
          '201': { description: 'The submission (the lock)', content: json('ReportSubmission') },
          '409': problem('Already submitted'),
          ...commonErrors,
        },
      },
    },
    '/api/reports/submissions/reopen': {
      post: {
        summary: 'Reopen the caller’s own unit’s submitted report (who, when, why are recorded)',
        security: secured,
        requestBody: { required: true, content: json('ReopenRequest') },
        responses: {
          '200': { description: 'The submission, reopened', content: json('ReportSubmission') },
          '409': problem('Not submitted'),
          ...commonErrors,
        },
      },
    },
    '/api/reports/submissions/history': {
      get: {
        summary: 'Every submit and reopen of a unit’s period report, with the frozen figures',
        security: secured,
        parameters: periodParams,
        responses: { '200': { description: '{"events": [...]}' }, ...commonErrors },
      },
    },
  };
}
