import type { Activity } from '../../src/shared/activity/activity.schema';
import { AN_GIANG_2025 } from '../../src/shared/geography/geography-ids';
import type { Change, PullResponse } from '../../src/shared/sync/sync-protocol';
import type { PhoneHttp } from '../support/load-http';
import type { Phone } from './load-phone';

export type { Phone } from './load-phone';

export interface Verdict {
  /** The server kept every guarantee (whatever happened to the phones' requests). */
  ok: boolean;
  summary: string;
  /** What the server got wrong: each one is a protocol bug. */
  problems: string[];
  /** Phones that did not finish (a request failed or was cut off): what they had received. */
  unfinished: string[];
}

/**
 * Every change from version 0 that `http`'s account syncs, in the order served; `scope` asks for
 * a unit instead (an admin's phone syncs only what the admin authors).
 */
async function wholeFeed(http: PhoneHttp, scope = ''): Promise<Change[]> {
  const changes: Change[] = [];
  let cursor = '0';
  try {
    for (;;) {
      const page = await http.json<PullResponse>('GET', `/api/sync/pull?since=${cursor}${scope}`);
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return changes;
    }
  } finally {
    http.close();
  }
}

/** How many leading entries of `got` match `feed` entry for entry. */
function commonPrefix(got: number[], feed: number[]): number {
  let i = 0;
  while (i < got.length && i < feed.length && got[i] === feed[i]) i++;
  return i;
}

/**
 * Tells a server that lost, repeated or skipped a version from a phone that simply did not
 * finish (its request timed out or the bench's deadline cut it off):
 * - the whole history (the admin's feed) numbers versions 1, 2, 3… with no hole: no version
 *   handed out was lost, none twice;
 * - no version was acknowledged twice, and every acknowledged one is in its commune's feed;
 * - what EVERY phone received is a prefix of its commune's feed — in order, nothing skipped or
 *   repeated, even if it stopped early (a pull that saw version N+1 before N committed would
 *   leave a hole here);
 * - a phone with no failed request received the whole feed, and each record's latest version
 *   is its last acknowledged write, with that write's content.
 * A phone that failed is listed as unfinished, with what it had: that is the load's fault,
 * reported as errors, not a broken guarantee.
 */
export async function checkCorrectness(admin: PhoneHttp, phones: Phone[]): Promise<Verdict> {
  const problems: string[] = [];
  const unfinished: string[] = [];
  // The whole province in the geography in force: every version must be in it.
  const province = `&unit=91&geography=${AN_GIANG_2025}`;
  const history = (await wholeFeed(admin, province)).map((c) => c.rev);
  const holes = history.filter((rev, i) => rev !== i + 1).length;
  if (holes > 0) {
    problems.push(
      `history: ${history.length} versions up to ${history.at(-1)}, ${holes} not numbered 1…n`,
    );
  }
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
  let finished = 0;
  for (const [commune, members] of byCommune) {
    const feed = await wholeFeed(members[0]!.http.fork());
    const revs = feed.map((c) => c.rev);
    versionsPerPhone = Math.max(versionsPerPhone, revs.length);
    const inFeed = new Set(revs);
    for (let i = 1; i < revs.length; i++) {
      if (revs[i]! <= revs[i - 1]!) problems.push(`commune ${commune}: feed out of order at ${i}`);
    }
    const latest = new Map<string, Change>();
    for (const change of feed) latest.set(change.recordId, change);
    for (const phone of members) {
      for (const rev of phone.log.acknowledged) {
        if (!inFeed.has(rev))
          problems.push(`phone ${phone.index}: acknowledged ${rev} not in feed`);
      }
      const got = phone.log.received;
      const prefix = commonPrefix(got, revs);
      if (prefix < got.length) {
        problems.push(
          `phone ${phone.index}: received ${got[prefix]} where the feed has ` +
            `${revs[prefix] ?? 'nothing'} (entry ${prefix + 1}: a version skipped or repeated)`,
        );
        continue;
      }
      if (phone.log.errors.length > 0) {
        unfinished.push(
          `phone ${phone.index}: ${got.length} of ${revs.length} versions in order, then ` +
            `stopped (${phone.log.errors.length} failed requests; last: ${phone.log.errors.at(-1)})`,
        );
        continue;
      }
      finished += 1;
      if (got.length !== revs.length) {
        problems.push(
          `phone ${phone.index} finished without errors with ${got.length} of ${revs.length} versions`,
        );
      }
      // Only a phone whose every push was answered knows its last write.
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
      `history ${history.length.toLocaleString('en-US')} versions numbered without a hole: ` +
      `${holes === 0 ? 'yes' : 'NO'}; ${acknowledged.length.toLocaleString('en-US')} ` +
      `acknowledged versions${unique.size === acknowledged.length ? ', each once' : ''}; ` +
      `${finished} of ${phones.length} phones finished and received their commune's whole feed ` +
      `(up to ${versionsPerPhone.toLocaleString('en-US')} versions) in order; ` +
      `${unfinished.length} unfinished (received a prefix, in order)` +
      (problems.length === 0 ? '; no version lost, skipped or repeated' : ''),
    problems,
    unfinished,
  };
}
