import { MAX_PHOTO_BYTES } from '../photos/photo-limits';
import { MAX_PULL_LIMIT } from '../sync/sync-protocol';
import {
  json,
  problem,
  commonErrors,
  secured,
  sha256Param,
  byteHeader,
  pathParam,
} from './openapi-components';

// OpenAPI operations: health, sync (push, pull, history) and photo uploads.
export function openApiSyncPaths() {
  return {
    '/api/health': {
      get: {
        summary: 'Readiness: the database answers',
        responses: {
          '200': { description: '{"status":"ok","database":"sqlite"|"postgres"}' },
          '503': problem('The database does not answer (within 2 s)'),
        },
      },
    },
    '/api/sync/push': {
      post: {
        summary: 'Apply a batch of mutations in one transaction, idempotent on mutationId',
        security: secured,
        requestBody: { required: true, content: json('PushRequest') },
        responses: {
          '200': { description: 'Per-mutation results', content: json('PushResponse') },
          '413': problem('Batch too large'),
          ...commonErrors,
        },
      },
    },
    '/api/sync/pull': {
      get: {
        summary: 'Changes the caller may see, after a cursor',
        security: secured,
        parameters: [
          { name: 'since', in: 'query', required: false, schema: { type: 'string' } },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: MAX_PULL_LIMIT },
          },
          {
            name: 'unit',
            in: 'query',
            required: false,
            description: 'Only activities within this unit (inside the caller’s scope)',
            schema: { type: 'string' },
          },
          {
            name: 'geography',
            in: 'query',
            required: false,
            description: 'Geography of `unit` (default: that of the caller’s own unit)',
            schema: { type: 'string' },
          },
          {
            name: 'count',
            in: 'query',
            required: false,
            description:
              '`records`: the answer carries `records`, how many activity records this pull brings (each once, however many versions it sends of it); `activities` (older clients): `remaining`, the activity changes after this page',
            schema: { type: 'string', enum: ['records', 'activities'] },
          },
        ],
        responses: {
          '200': { description: 'A page of changes', content: json('PullResponse') },
          ...commonErrors,
        },
      },
    },
    '/api/sync/history/{recordId}': {
      get: {
        summary: 'Every stored version of an activity, oldest first',
        security: secured,
        parameters: [pathParam('recordId')],
        responses: {
          '200': { description: 'Versions', content: json('HistoryResponse') },
          '404': problem('No such record'),
          ...commonErrors,
        },
      },
    },
    '/api/photos/{sha256}/upload': {
      get: {
        summary: 'How many bytes of a photo the server holds (offset; stored once complete)',
        security: secured,
        parameters: [sha256Param],
        responses: {
          '200': { description: 'Upload status', content: json('PhotoUploadStatus') },
          ...commonErrors,
        },
      },
      patch: {
        summary:
          'Append raw bytes at Upload-Offset; the last chunk completes the photo after its SHA-256 is verified. A stored photo is a no-op.',
        security: secured,
        parameters: [
          sha256Param,
          byteHeader('Upload-Offset', 'Where this chunk starts (the status offset)'),
          byteHeader('Upload-Length', `The whole photo's size (≤ ${MAX_PHOTO_BYTES})`),
        ],
        requestBody: {
          required: true,
          content: {
            'application/offset+octet-stream': {
              schema: { type: 'string', contentMediaType: 'application/octet-stream' },
            },
          },
        },
        responses: {
          '200': { description: 'New status', content: json('PhotoUploadStatus') },
          '409': problem('Offset is not where the server’s copy ends (header Upload-Offset)'),
          '413': problem('Longer than allowed or than Upload-Length'),
          '415': problem('Not application/offset+octet-stream, or not a JPEG/WebP'),
          '422': problem('The bytes do not hash to the name: discarded, start again'),
          ...commonErrors,
        },
      },
    },
    '/api/photos/{sha256}': {
      get: {
        summary: 'A stored photo, for its uploader and readers of an activity referencing it',
        security: secured,
        parameters: [sha256Param],
        responses: {
          '200': {
            description: 'The photo bytes',
            content: {
              'image/jpeg': { schema: { type: 'string', contentMediaType: 'image/jpeg' } },
              'image/webp': { schema: { type: 'string', contentMediaType: 'image/webp' } },
            },
          },
          '404': problem('Not stored'),
          ...commonErrors,
        },
      },
    },
  };
}
