import type { Activity } from '../../src/shared/activity/activity.schema';
import type { Change, PullResponse } from '../../src/shared/sync/sync-protocol';
import type { Phone } from './load-phone';

export type { Phone } from './load-phone';

export interface Verdict {
  ok: boolean;
  summary: string;
  problems: string[];
}

/** The commune's whole feed from version 0, as a new phone of that commune would receive it. */
async function referenceFeed(phone: Phone): Promise<Change[]> {
  const http = phone.http.fork();
  const changes: Change[] = [];
  let cursor = '0';
  try {
    for (;;) {
      const page = await http.json<PullResponse>('GET', `/api/sync/pull?since=${cursor}`);
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return changes;
    }
  } finally {
    http.close();
  }
}

/**
 * Every acknowledged version exactly once: no version acknowledged twice; each phone received
 * exactly its commune's feed, in order, nothing missing, repeated or skipped; and each record's
 * latest version is the last write its phone had acknowledged, with that write's content.
 */
export async function checkCorrectness(phones: Phone[]): Promise<Verdict> {
  const problems: string[] = [];
  const acknowledged = phones.flatMap((p) => p.log.acknowledged);
  const unique = new Set(acknowledged);
  if (unique.size !== acknowledged.length) {
    problems.push(`${acknowledged.length - unique.size} versions acknowledged more than once`);
  }
  const byCommune = new Map<string, Phone[]>();
  for (const phone of phones) {
    byCommune.set(phone.communeCode, [...(byCommune.get(phone.communeCode) ?? []), phone]);
  }
  let versionsPerPhone = 0;
  for (const [commune, members] of byCommune) {
    const feed = await referenceFeed(members[0]!);
    const revs = feed.map((c) => c.rev);
    versionsPerPhone = Math.max(versionsPerPhone, revs.length);
    const inFeed = new Set(revs);
    for (let i = 1; i < revs.length; i++) {
      if (revs[i]! <= revs[i - 1]!) problems.push(`commune ${commune}: feed out of order at ${i}`);
    }
    const latest = new Map<string, Change>();
    for (const change of feed) latest.set(change.recordId, change);
    for (const phone of members) {
      const got = phone.log.received;
      if (got.length !== revs.length || got.some((rev, i) => rev !== revs[i])) {
        const seen = new Set(got);
        const missing = revs.filter((r) => !seen.has(r)).length;
        problems.push(
          `phone ${phone.index}: received ${got.length} versions, the feed has ${revs.length} ` +
            `(${missing} missing, ${got.length - seen.size} repeated)`,
        );
      }
      for (const rev of phone.log.acknowledged) {
        if (!inFeed.has(rev))
          problems.push(`phone ${phone.index}: acknowledged ${rev} not in feed`);
      }
      for (const [recordId, write] of phone.log.lastWrite) {
        const now = latest.get(recordId);
        if (now?.rev !== write.rev || (now.data as Activity | null)?.notes !== write.notes) {
          problems.push(
            `record ${recordId}: latest is ${now?.rev}, its phone's last write ${write.rev}`,
          );
        }
      }
    }
  }
  return {
    ok: problems.length === 0,
    summary:
      `${acknowledged.length.toLocaleString('en-US')} acknowledged versions, ` +
      `${problems.length === 0 ? 'each exactly once' : 'NOT all exactly once'}; ` +
      `${phones.length} phones each received their commune's whole feed ` +
      `(up to ${versionsPerPhone.toLocaleString('en-US')} versions) in order` +
      (problems.length === 0
        ? ', none missing, repeated or skipped'
        : ` — ${problems.length} problems`),
    problems,
  };
}
