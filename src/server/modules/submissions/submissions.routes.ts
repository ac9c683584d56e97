import type { FastifyInstance } from 'fastify';
import {
  reopenRequestSchema,
  submissionStatusQuerySchema,
  submitRequestSchema,
  type ReportSubmission,
  type SubmissionStatus,
} from '../../../shared/reports/report-submission';
import { parseWith } from '../../http/parse';
import { authOf, type AuthHook } from '../auth/authenticate';
import type { SubmissionService } from './submission.service';

/** Submitting and reopening a unit's period report, and who has submitted (docs/reports.md). */
export function registerSubmissionRoutes(
  app: FastifyInstance,
  submissions: SubmissionService,
  authenticate: AuthHook,
) {
  const guarded = { onRequest: authenticate };

  app.post('/api/reports/submissions', guarded, async (request, reply) => {
    const body = parseWith(submitRequestSchema, request.body);
    const submission: ReportSubmission = await submissions.submit(authOf(request), body);
    return reply.code(201).send(submission);
  });

  app.post('/api/reports/submissions/reopen', guarded, async (request) => {
    const body = parseWith(reopenRequestSchema, request.body);
    return submissions.reopen(authOf(request), body);
  });

  app.get('/api/reports/submissions', guarded, async (request, reply) => {
    const query = parseWith(submissionStatusQuerySchema, request.query);
    reply.header('cache-control', 'private, no-store');
    const status: SubmissionStatus = await submissions.status(authOf(request), query);
    return status;
  });

  app.get('/api/reports/submissions/history', guarded, async (request, reply) => {
    const query = parseWith(submissionStatusQuerySchema, request.query);
    reply.header('cache-control', 'private, no-store');
    return submissions.history(authOf(request), query);
  });
}
