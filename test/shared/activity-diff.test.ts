import { describe, expect, it } from 'vitest';
import {
  activityDiff,
  changeLabel,
  type FieldChange,
} from '../../src/shared/activity/activity-diff';
import type { DiffContext, Translate } from '../../src/shared/activity/activity-diff-format';
import type { Activity } from '../../src/shared/activity/activity.schema';
import { en } from '../../src/shared/i18n/en';
import { translateKey } from '../../src/shared/i18n/translate-key';
import { vi, type Dictionary } from '../../src/shared/i18n/vi';

// Hand-written versions of records, and the history lines an officer must read for them.

function translator(dictionary: Dictionary): Translate {
  return (key, values = {}) => {
    const text = translateKey(key, dictionary);
    if (text === key) throw new Error(`no text for ${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
  };
}
const viCtx: DiffContext = {
  t: translator(vi),
  locale: 'vi',
  unitName: (geographyId, code) =>
    geographyId === 'kg-2024' ? { '30280': 'Xã Mỹ Lâm', '30283': 'Xã Mỹ Phước' }[code] : undefined,
};
const enCtx: DiffContext = { t: translator(en), locale: 'en' };

/** Each change as the screen prints it: "Label: before → after". */
const lines = (changes: FieldChange[], ctx: DiffContext) =>
  changes.map((c) => `${changeLabel(c, ctx.t)}: ${c.before || '—'} → ${c.after || '—'}`);

const talk = {
  id: '0190a0b0-0000-7000-8000-000000000001',
  type: 'community_talk',
  status: 'draft',
  date: '2025-05-01',
  geographyId: 'kg-2024',
  communeCode: '30280',
  place: 'Nhà văn hóa ấp Mỹ Thạnh',
  organiser: 'UBND xã Mỹ Lâm',
  themes: ['programme_goals'],
  targetGroups: ['poor_households', 'near_poor_households'],
  attendanceMode: 'list',
  participants: {
    total: 2,
    female: 1,
    khmer: 0,
    hoa: 0,
    otherMinority: 0,
    poor: 1,
    nearPoor: 0,
    newlyOutOfPoverty: 0,
    officials: 0,
  },
  attendees: [
    {
      id: 'a1',
      fullName: 'Nguyễn Văn An',
      sex: 'male',
      birthYear: 1970,
      ethnicity: 'kinh',
      householdCategory: 'poor',
      isOfficial: false,
    },
    {
      id: 'a2',
      fullName: 'Trần Thị Bình',
      sex: 'female',
      birthYear: 1985,
      ethnicity: 'kinh',
      householdCategory: 'none',
      isOfficial: false,
    },
  ],
  costVnd: 1_000_000,
  notes: '',
  topic: 'Vay vốn ưu đãi',
  speaker: 'Ông Lê Văn Cường',
  authorId: 'u-commune',
  authorName: 'Cán bộ xã',
  createdAt: '2025-05-01T02:00:00Z',
  updatedAt: '2025-05-01T02:00:00Z',
} satisfies Activity;

describe('activityDiff: what an edit changed, in the form’s words', () => {
  it('lists dates, numbers, enums and the commune as people read them (vi)', () => {
    const edited = {
      ...talk,
      status: 'complete' as const,
      date: '2025-05-03',
      communeCode: '30283',
      targetGroups: ['near_poor_households', 'poor_households', 'residents'] as const,
      costVnd: 1_500_000,
      fundingSource: 'local_budget' as const,
      topic: 'Vay vốn ưu đãi hộ nghèo',
      updatedAt: '2025-05-03T09:00:00Z',
    } satisfies Activity;
    expect(lines(activityDiff(talk, edited, viCtx), viCtx)).toEqual([
      'Trạng thái: Bản nháp → Hoàn thành',
      'Ngày thực hiện: 01/05/2025 → 03/05/2025',
      'Xã, phường, thị trấn: Xã Mỹ Lâm → Xã Mỹ Phước',
      'Đối tượng: Hộ nghèo; Hộ cận nghèo → Hộ cận nghèo; Hộ nghèo; Người dân',
      'Chuyên đề: Vay vốn ưu đãi → Vay vốn ưu đãi hộ nghèo',
      'Kinh phí (đồng): 1.000.000 → 1.500.000',
      'Nguồn kinh phí: — → Ngân sách địa phương',
    ]);
  });

  it('gives each change its label key and raw field, for a screen or a test to use', () => {
    const [change] = activityDiff(talk, { ...talk, date: '2025-05-03' }, viCtx);
    expect(change).toEqual({
      field: 'date',
      labelKey: 'field.date',
      before: '01/05/2025',
      after: '03/05/2025',
    });
  });

  it('speaks English with the English catalogue, dates still dd/MM/yyyy', () => {
    const edited = { ...talk, date: '2025-05-03', costVnd: 1_500_000, status: 'complete' as const };
    expect(lines(activityDiff(talk, edited, enCtx), enCtx)).toEqual([
      'Status: Draft → Complete',
      'Date: 01/05/2025 → 03/05/2025',
      'Cost (VND): 1,000,000 → 1,500,000',
    ]);
  });

  it('shows no change when only the order of ticked boxes or the save time differs', () => {
    const same = {
      ...talk,
      targetGroups: ['near_poor_households', 'poor_households'] as const,
      updatedAt: '2025-06-01T00:00:00Z',
    } satisfies Activity;
    expect(activityDiff(talk, same, viCtx)).toEqual([]);
  });

  it('counts attendees and names who was added, removed and edited', () => {
    const edited = {
      ...talk,
      participants: { ...talk.participants, total: 2, female: 2, poor: 0 },
      attendees: [
        { ...talk.attendees[1]!, householdCategory: 'poor' as const },
        {
          id: 'a3',
          fullName: 'Thạch Thị Dung',
          sex: 'female' as const,
          birthYear: 1990,
          ethnicity: 'khmer' as const,
          householdCategory: 'near_poor' as const,
          isOfficial: false,
        },
      ],
    } satisfies Activity;
    const text = lines(activityDiff(talk, edited, viCtx), viCtx);
    expect(text).toEqual([
      'Trong đó: nữ: 1 → 2',
      'Thuộc hộ nghèo: 1 → 0',
      'Người tham dự: 2 người → 2 người (thêm: Thạch Thị Dung; bớt: Nguyễn Văn An; sửa: Trần Thị Bình)',
    ]);
    expect(text.join('\n')).not.toMatch(/\[object|[{}"]/);
    expect(lines(activityDiff(talk, edited, enCtx), enCtx)[2]).toBe(
      'Attendees: 2 people → 2 people (added: Thạch Thị Dung; removed: Nguyễn Văn An; edited: Trần Thị Bình)',
    );
  });

  it('names five people at most, then how many more', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({
      ...talk.attendees[0]!,
      id: `n${i}`,
      fullName: `Người ${i + 1}`,
    }));
    const [change] = activityDiff(
      { ...talk, attendanceMode: 'list', attendees: [] },
      { ...talk, attendanceMode: 'list', attendees: many },
      viCtx,
    );
    expect(change?.before).toBe('0 người');
    expect(change?.after).toBe(
      '8 người (thêm: Người 1, Người 2, Người 3, Người 4, Người 5 và 3 khác)',
    );
  });

  it('reads printed quantities per kind, with the kind before the label', () => {
    const leaflets = {
      ...talk,
      type: 'printed_materials',
      title: 'Tờ rơi chính sách',
      quantities: {
        leaflet: { printed: 1000, distributed: 800 },
        document: { printed: 0, distributed: 0 },
        banner: { printed: 2, distributed: 2 },
        other: { printed: 0, distributed: 0 },
      },
      otherKindDescription: '',
    } as unknown as Activity;
    const more = {
      ...leaflets,
      title: 'Tờ rơi chính sách 2025',
      quantities: {
        ...(leaflets as { quantities: object }).quantities,
        leaflet: { printed: 1500, distributed: 1_200 },
      },
    };
    expect(lines(activityDiff(leaflets, more, viCtx), viCtx)).toEqual([
      'Tên ấn phẩm, nội dung: Tờ rơi chính sách → Tờ rơi chính sách 2025',
      'Tờ rơi – Số lượng in: 1.000 → 1.500',
      'Tờ rơi – Số lượng phát hành: 800 → 1.200',
    ]);
  });

  it('counts dialogue questions and photos by what was added, removed or edited', () => {
    const photo = (sha: string, caption: string, signedSheet = false) => ({
      sha256: sha.repeat(64),
      mime: 'image/jpeg',
      size: 1000,
      width: 100,
      height: 100,
      caption,
      signedSheet,
      addedAt: '2025-05-01T02:00:00Z',
    });
    const dialogue = {
      ...talk,
      type: 'dialogue',
      topic: 'Đối thoại chính sách',
      chair: 'Chủ tịch UBND xã',
      officialsPresent: '',
      questions: [
        {
          id: 'q1',
          content: 'Hộ cận nghèo có được vay vốn không?',
          answer: '',
          needsFollowUp: true,
        },
      ],
      photos: [photo('a', 'Toàn cảnh buổi đối thoại')],
    } as unknown as Activity;
    const later = {
      ...dialogue,
      questions: [
        {
          id: 'q1',
          content: 'Hộ cận nghèo có được vay vốn không?',
          answer: 'Có, mức 100 triệu',
          needsFollowUp: false,
        },
        { id: 'q2', content: 'Khi nào có nhà đại đoàn kết?', answer: '', needsFollowUp: true },
      ],
      photos: [photo('a', 'Toàn cảnh buổi đối thoại'), photo('b', '', true)],
    };
    expect(lines(activityDiff(dialogue, later, viCtx), viCtx)).toEqual([
      'Câu hỏi, kiến nghị: 1 câu hỏi → 2 câu hỏi (thêm: «Khi nào có nhà đại đoàn kết?»; sửa: «Hộ cận nghèo có được vay vốn không?»)',
      'Ảnh minh chứng: 1 ảnh → 2 ảnh (thêm: DS ký tên)',
    ]);
    const removed = activityDiff(later, { ...later, photos: [] }, enCtx);
    expect(lines(removed, enCtx)).toEqual([
      'Evidence photos: 2 photos → 0 photos (removed: Toàn cảnh buổi đối thoại, Signed sheet)',
    ]);
  });

  it('formats GPS, training days and the attendance mode; never prints an object', () => {
    const training = {
      ...talk,
      type: 'training',
      topic: 'Tập huấn',
      days: 1,
      trainees: { povertyOfficials: 10, reportersEditors: 0, others: 0 },
      attendanceMode: 'counts',
      attendees: [],
    } as unknown as Activity;
    const edited = {
      ...training,
      days: 1.5,
      trainees: { povertyOfficials: 12, reportersEditors: 0, others: 0 },
      attendanceMode: 'list',
      location: {
        lat: 10.01234,
        lng: 105.08765,
        accuracyM: 12.4,
        capturedAt: '2025-05-01T02:00:00Z',
      },
      futureField: { nested: true },
    };
    const text = lines(activityDiff(training, edited, viCtx), viCtx);
    expect(text).toEqual([
      'Vị trí GPS: — → 10,01234, 105,08765 (±12 m)',
      'Số ngày: 1 → 1,5',
      'Học viên: cán bộ làm công tác giảm nghèo: 10 → 12',
      'Cách ghi người tham dự: Chỉ ghi số lượng → Ghi danh sách',
      // A field this version of the app does not know: that it changed, never its JSON.
      'Thông tin khác: — → đã thay đổi',
    ]);
    expect(text.join('\n')).not.toMatch(/\[object|[{}"]/);
  });

  it('lists every filled field for the first version (against nothing)', () => {
    const changes = activityDiff(null, talk, viCtx);
    expect(lines(changes, viCtx).slice(0, 4)).toEqual([
      'Hình thức: — → Nói chuyện chuyên đề (sinh hoạt cộng đồng)',
      'Trạng thái: — → Bản nháp',
      'Ngày thực hiện: — → 01/05/2025',
      'Xã, phường, thị trấn: — → Xã Mỹ Lâm',
    ]);
    expect(changes.find((c) => c.field === 'attendees')?.after).toBe(
      '2 người (thêm: Nguyễn Văn An, Trần Thị Bình)',
    );
    expect(changes.some((c) => c.field === 'authorName' || c.field === 'createdAt')).toBe(false);
  });
});
