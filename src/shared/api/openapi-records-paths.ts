import { REPORT_FORMATS } from '../reports/report-api';
import { MAX_RECORDS_PAGE, RECORDS_COUNT_CAP } from '../records/records-api';
import { json, problem, commonErrors, secured, pathParam } from './openapi-components';

// OpenAPI operations: report summaries and the records browser.

/** The records browser's filters, shared by its pages and its list of authors. */
const recordFilterParams = [
  { name: 'unit', in: 'query', required: false, schema: { type: 'string' } },
  { name: 'geography', in: 'query', required: false, schema: { type: 'string' } },
  { name: 'form', in: 'query', required: false, schema: { type: 'string' } },
  {
    name: 'status',
    in: 'query',
    required: false,
    schema: { type: 'string', enum: ['draft', 'complete'] },
  },
  { name: 'from', in: 'query', required: false, schema: { type: 'string', format: 'date' } },
  { name: 'to', in: 'query', required: false, schema: { type: 'string', format: 'date' } },
];

/** Which unit (in which geography; the caller's own by default) and which days, from–to inclusive. */
const unitAndDatesParams = [
  { name: 'unit', in: 'query', required: false, schema: { type: 'string' } },
  { name: 'geography', in: 'query', required: false, schema: { type: 'string' } },
  { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
  { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
];
export function openApiRecordsPaths() {
  return {
    '/api/reports/summary': {
      get: {
        summary:
          'Figures of a unit in a period (plan 106 section V), per form and child unit, summed in SQL',
        description:
          'format=json (SummaryReport), csv (UTF-8 with BOM, one row per unit and form) or xlsx ' +
          '(a summary sheet and one sheet per form). Only units within the caller’s scope. For a ' +
          'six-month or whole-year period the JSON has `targets` (progress towards the YEAR’s ' +
          'targets), the XLSX a "Chỉ tiêu" sheet, and format=csv&part=targets gives them as CSV.',
        security: secured,
        parameters: [
          ...unitAndDatesParams,
          {
            name: 'format',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: [...REPORT_FORMATS] },
          },
          {
            name: 'part',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['figures', 'targets'] },
          },
          {
            name: 'lang',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['vi', 'en'] },
          },
        ],
        responses: {
          '200': {
            description: 'The report',
            content: {
              ...json('SummaryReport'),
              'text/csv': { schema: { type: 'string' } },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: { type: 'string', format: 'binary' },
              },
            },
          },
          ...commonErrors,
        },
      },
    },
    '/api/reports/monthly': {
      get: {
        summary: 'Complete activities of a unit per month and form in a period (the report chart)',
        security: secured,
        parameters: [...unitAndDatesParams],
        responses: {
          '200': { description: 'Activities per month', content: json('MonthlyActivities') },
          ...commonErrors,
        },
      },
    },
    '/api/records': {
      get: {
        summary: `Records within the caller’s scope, newest first, filtered (unit, form, status, dates, author, words without diacritics), keyset pages; the first page also says how many match, exact up to ${RECORDS_COUNT_CAP}, else “more than ${RECORDS_COUNT_CAP}”`,
        security: secured,
        parameters: [
          ...recordFilterParams,
          { name: 'author', in: 'query', required: false, schema: { type: 'string' } },
          {
            name: 'q',
            in: 'query',
            required: false,
            description:
              'Words, each found as a substring of the record’s text without diacritics, case-insensitive (all must occur). Words of 3+ characters are looked up in a trigram index; a query of only 1–2-character words scans the records in scope (slower at scale).',
            schema: { type: 'string', maxLength: 200 },
          },
          { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: MAX_RECORDS_PAGE },
          },
        ],
        responses: {
          '200': { description: 'A page', content: json('RecordsPage') },
          ...commonErrors,
        },
      },
    },
    '/api/records/authors': {
      get: {
        summary:
          'Who recorded within the caller’s scope (or a unit in it), with how many live records each, for the author filter',
        security: secured,
        parameters: [...recordFilterParams],
        responses: {
          '200': { description: 'The authors, most records first', content: json('RecordAuthors') },
          ...commonErrors,
        },
      },
    },
    '/api/records/{recordId}': {
      get: {
        summary: 'One record as stored now (its history: /api/sync/history/{recordId})',
        security: secured,
        parameters: [pathParam('recordId')],
        responses: {
          '200': { description: 'The record', content: json('RecordDetail') },
          '404': problem('No such record'),
          ...commonErrors,
        },
      },
    },
  };
}
