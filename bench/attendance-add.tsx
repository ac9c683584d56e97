// Adding attendee 300 vs attendee 1 in the attendance UI, rendered by React in jsdom: the time
// from the Enter key to the committed render (tally counts, list row, announcement), for every
// add. Run: npx tsx bench/attendance-add.tsx [count]   (prints figures, asserts nothing)
import type { Activity } from '../src/shared/activity/activity.schema';

// React's development build runs here (act() needs it), so absolute times are pessimistic; the
// point is the shape: the cost of an add must not grow with the list. The Chromium bench
// (bench/attendee-ui.bench.ts) gives the shipped build's figures.
const COUNT = Number(process.argv[2] ?? process.env.BENCH_ATTENDEES ?? 300);

// A browser-like global scope before React and Testing Library are loaded. (jsdom ships no
// types; only its constructor is used here.)
type Dom = { window: Window & typeof globalThis & { close(): void } };
const { JSDOM } = (await import('jsdom' as string)) as {
  JSDOM: new (html: string, options: object) => Dom;
};
const dom = new JSDOM('<!doctype html><html lang="vi"><body></body></html>', {
  url: 'http://localhost/',
  pretendToBeVisual: true,
});
const g = globalThis as Record<string, unknown>;
for (const key of Object.getOwnPropertyNames(dom.window)) {
  if (!(key in g)) g[key] = (dom.window as unknown as Record<string, unknown>)[key];
}
g.window = dom.window;
g.document = dom.window.document;
Object.defineProperty(g, 'navigator', { value: dom.window.navigator, configurable: true });
g.IS_REACT_ACT_ENVIRONMENT = true;

export interface AttendanceAddResult {
  count: number;
  /** ms per add, index 0 = attendee 1. */
  perAdd: number[];
}

export async function measureAttendanceAdds(count = COUNT): Promise<AttendanceAddResult> {
  const [
    { act, fireEvent, render },
    rhf,
    { I18nextProvider },
    i18nMod,
    section,
    storeMod,
    factory,
  ] = await Promise.all([
    import('@testing-library/react'),
    import('react-hook-form'),
    import('react-i18next'),
    import('../src/client/lib/i18n'),
    import('../src/client/features/attendance/components/attendance-section'),
    import('../src/client/features/attendance/model/attendee-store'),
    import('../src/shared/activity/activity-factory'),
  ]);
  const i18n = await i18nMod.createI18n('vi');
  const store = storeMod.createAttendeeStore([]);
  const initial = {
    ...factory.newActivity('community_talk', {
      communeCode: '30730',
      authorId: 'b',
      authorName: 'Bench',
    }),
    attendanceMode: 'list' as const,
  };

  function Harness() {
    const form = rhf.useForm<Activity>({ defaultValues: initial as Activity });
    return (
      <I18nextProvider i18n={i18n}>
        <rhf.FormProvider {...form}>
          <section.AttendanceSection store={store} />
        </rhf.FormProvider>
      </I18nextProvider>
    );
  }

  const view = render(<Harness />);
  const row = view.getByRole('group', { name: 'Thêm người tham dự' });
  const byLabel = (label: string) =>
    [...row.querySelectorAll('label')].find((l) => l.textContent === label)
      ?.control as HTMLInputElement;
  // The quick-add boxes stay the same elements from one add to the next.
  const name = byLabel('Họ và tên');
  const sex = byLabel('Giới tính');
  const year = byLabel('Năm sinh');
  const ethnicity = byLabel('Dân tộc');

  const perAdd: number[] = [];
  for (let i = 0; i < count; i++) {
    act(() => {
      fireEvent.change(name, { target: { value: `Người tham dự số ${i + 1}` } });
      fireEvent.change(sex, { target: { value: i % 2 ? 'male' : 'female' } });
      fireEvent.change(year, { target: { value: String(1950 + (i % 50)) } });
      fireEvent.change(ethnicity, { target: { value: i % 7 === 0 ? 'khmer' : 'kinh' } });
    });
    const start = performance.now();
    act(() => {
      fireEvent.keyDown(year, { key: 'Enter' });
    });
    perAdd.push(performance.now() - start);
  }
  const total = document.getElementById('f-participants-total') as HTMLInputElement;
  if (total.value !== String(count) || store.getAll().length !== count) {
    throw new Error(`expected ${count} attendees, the form shows ${total.value}`);
  }
  view.unmount();
  return { count, perAdd };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

/** Runs a discarded warm-up pass first, so add #1 is not charged with JIT compilation. */
export async function runAttendanceAddBench(count = COUNT): Promise<AttendanceAddResult> {
  await measureAttendanceAdds(50);
  return measureAttendanceAdds(count);
}

export function printAttendanceAdds({ count, perAdd }: AttendanceAddResult): void {
  const first = perAdd[0] ?? 0;
  const last = perAdd[count - 1] ?? 0;
  const f = (x: number) => `${x.toFixed(2)} ms`;
  const window = (from: number) => median(perAdd.slice(from - 1, from + 9));
  console.log(
    `\n== Attendance quick-add in jsdom (Enter → committed render, ${count} attendees) ==`,
  );
  console.log(`  add #1                                  ${f(first)}`);
  console.log(`  add #${count}                                ${f(last)}`);
  console.log(`  ratio #${count} / #1                         ${(last / first).toFixed(2)}×`);
  for (const from of [1, Math.round(count / 3), Math.round((2 * count) / 3), count - 9]) {
    console.log(`  median of adds ${from}–${from + 9}`.padEnd(42) + f(window(from)));
  }
  console.log(
    `  ratio of medians (last 10 / first 10)   ${(window(count - 9) / window(1)).toFixed(2)}×`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printAttendanceAdds(await runAttendanceAddBench());
  dom.window.close();
}
