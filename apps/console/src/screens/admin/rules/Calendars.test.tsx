import type { CalendarDayDto, CalendarDetailDto, CalendarDto } from '@redress/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json } from '../../../test/harness.tsx';
import { Calendars } from './Calendars.tsx';
import { textToIntervals, zonedToInstant } from './calendar-time.ts';
import {
  FORM_TEST,
  announced,
  bodyOf,
  describedErrorOf,
  fill,
  renderSection,
  signedInAs,
  validationFailed,
} from './rules-test-util.tsx';

afterEach(() => vi.unstubAllGlobals());

const at = '2026-01-05T00:00:00.000Z';
const year = new Date().getFullYear();
const office = [0, 1, 2, 3, 4, 5, 6].map((day) =>
  day < 5
    ? [
        [540, 720],
        [780, 1080],
      ]
    : [],
);
const calendar: CalendarDto = {
  id: 'cal_tw',
  name: 'Taiwan office',
  timeZone: 'Asia/Taipei',
  week: office,
  preset: 'TW',
  createdAt: at,
  updatedAt: at,
};
const days: CalendarDayDto[] = [
  { day: `${year}-02-17`, kind: 'holiday', name: 'Lunar New Year', hours: null, source: 'preset' },
  { day: `${year}-02-07`, kind: 'working', name: 'Make-up working day', hours: null, source: 'preset' },
  { day: `${year}-10-10`, kind: 'holiday', name: 'National Day', hours: null, source: 'manual' },
];
const detail = (overrides: Partial<CalendarDetailDto> = {}): CalendarDetailDto => ({ ...calendar, days, ...overrides });
const detailUrl = `GET /api/v1/calendars/cal_tw?year=${year}`;

describe('calendar maths', () => {
  it('reads working hours as typed and refuses what is not two times', () => {
    expect(textToIntervals('09:00–12:00, 13:00-18:00')).toEqual([
      [540, 720],
      [780, 1080],
    ]);
    expect(textToIntervals('9-17')).toEqual([[540, 1020]]);
    expect(textToIntervals('')).toEqual([]);
    expect(textToIntervals('9 to 5')).toBeNull();
    expect(textToIntervals('09:00-25:00')).toBeNull();
  });

  it('reads a wall-clock time in the calendar’s zone, whatever the browser’s zone', () => {
    expect(zonedToInstant('2026-02-16T17:30', 'Asia/Taipei')?.toISOString()).toBe('2026-02-16T09:30:00.000Z');
    expect(zonedToInstant('2026-07-01T09:00', 'Europe/London')?.toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(zonedToInstant('not a time', 'Asia/Bangkok')).toBeNull();
  });
});

describe('calendars', FORM_TEST, () => {
  it('lists calendars with their zone and weekly hours, and creates one from a country preset', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      'GET /api/v1/calendars': () => json(200, { items: [calendar] }),
      'POST /api/v1/calendars': () =>
        json(
          201,
          detail({ id: 'cal_th', name: 'ปฏิทินทำงาน ประเทศไทย', notes: ['2031: holidays come from a fallback list'] }),
        ),
      [`GET /api/v1/calendars/cal_th?year=${year}`]: () =>
        json(200, detail({ id: 'cal_th', name: 'ปฏิทินทำงาน ประเทศไทย', timeZone: 'Asia/Bangkok' })),
    });
    renderSection('calendars', <Calendars />);

    const row = (await screen.findByRole('link', { name: 'Taiwan office' })).closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Asia/Taipei', '40 working hours a week']);
    await user.click(screen.getByRole('button', { name: 'Create from a country preset' }));
    const form = screen.getByRole('form', { name: 'Create from a country preset' });
    await user.selectOptions(within(form).getByLabelText('Country'), 'Thailand');
    await fill(user, within(form).getByLabelText('Years'), '2026, 2027');
    await user.click(within(form).getByRole('button', { name: 'Create calendar' }));

    expect(await screen.findByRole('heading', { name: 'ปฏิทินทำงาน ประเทศไทย' })).toBeDefined();
    expect(announced()).toBe('Calendar “ปฏิทินทำงาน ประเทศไทย” created.');
    expect(screen.getByText('2031: holidays come from a fallback list')).toBeDefined();
    expect(bodyOf(callsTo('POST /api/v1/calendars'))).toEqual({ preset: 'TH', years: [2026, 2027] });
  });

  it('creates a calendar by hand: the hours typed are sent as minutes, unreadable hours are caught first, and a refused zone is shown by its field', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      'GET /api/v1/calendars': () => json(200, { items: [] }),
      'POST /api/v1/calendars': () => validationFailed('/body/timeZone'),
    });
    renderSection('calendars', <Calendars />);
    await user.click(await screen.findByRole('button', { name: 'Create by hand' }));
    const form = screen.getByRole('form', { name: 'Create by hand' });
    await fill(user, within(form).getByLabelText('Name'), 'Night desk');
    await fill(user, within(form).getByLabelText('Time zone'), 'Asia/Atlantis');
    await fill(user, within(form).getByLabelText('Saturday'), 'ten to two');
    await user.click(within(form).getByRole('button', { name: 'Create calendar' }));

    const saturday = within(form).getByLabelText('Saturday');
    expect(saturday.getAttribute('aria-invalid')).toBe('true');
    expect(describedErrorOf(saturday)).toMatch(/Write times like 09:00–12:00/);
    expect(callsTo('POST /api/v1/calendars')).toHaveLength(0);

    await fill(user, saturday, '10:00-14:00');
    await fill(user, within(form).getByLabelText('Sunday'), '');
    await user.click(within(form).getByRole('button', { name: 'Create calendar' }));
    const zone = within(form).getByLabelText('Time zone');
    await waitFor(() => expect(zone.getAttribute('aria-invalid')).toBe('true'));
    expect(describedErrorOf(zone)).toBe('Error: Enter a time zone this server knows, e.g. Asia/Taipei.');
    expect(saturday.getAttribute('aria-invalid')).toBeNull();
    expect(bodyOf(callsTo('POST /api/v1/calendars'))).toEqual({
      name: 'Night desk',
      timeZone: 'Asia/Atlantis',
      week: [...office.slice(0, 5), [[600, 840]], []],
    });
  });

  it('shows the year’s holidays and make-up days with Buddhist-era dates for a Thai reader', async () => {
    fakeServer({
      'GET /api/v1/auth/me': signedInAs(undefined, 'th'),
      [detailUrl]: () => json(200, detail()),
    });
    renderSection('calendars/cal_tw', <Calendars />, 'th');
    const table = await screen.findByRole('table', { name: 'วันหยุดและวันทำงาน' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const lunar = rows[0]!;
    expect(within(lunar).getByRole('rowheader').textContent).toBe('Lunar New Year');
    const [date, kind, hours, source] = within(lunar)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(date).toContain(String(year + 543));
    expect(date).toContain('ก.พ.');
    expect(kind).toBe('วันหยุด');
    expect(hours).toBe('ปิดทำการ');
    expect(source).toBe('ชุดข้อมูลประเทศ');
    expect(within(rows[1]!).getAllByRole('cell')[2]?.textContent).toMatch(/^เวลาทำงานปกติของวัน/);
    expect(screen.getByLabelText<HTMLSelectElement>('ปี').selectedOptions[0]?.textContent).toBe(`พ.ศ. ${year + 543}`);
  });

  it('adds a holiday and a make-up working day with its own hours, edits one, and removes one after asking', async () => {
    const user = userEvent.setup({ delay: null });
    const put = (name: string) => (init: RequestInit) => {
      const body = JSON.parse(init.body as string) as Omit<CalendarDayDto, 'day' | 'source'>;
      return json(200, { day: name, ...body, hours: body.hours ?? null, source: 'manual' });
    };
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      [detailUrl]: () => json(200, detail()),
      [`PUT /api/v1/calendars/cal_tw/days/${year}-04-04`]: put(`${year}-04-04`),
      [`PUT /api/v1/calendars/cal_tw/days/${year}-09-27`]: put(`${year}-09-27`),
      [`PUT /api/v1/calendars/cal_tw/days/${year}-10-10`]: put(`${year}-10-10`),
      [`DELETE /api/v1/calendars/cal_tw/days/${year}-02-07`]: () => new Response(null, { status: 204 }),
    });
    renderSection('calendars/cal_tw', <Calendars />);

    await user.click(await screen.findByRole('button', { name: 'Add a holiday or working day' }));
    let form = screen.getByRole('form', { name: 'Add a holiday or working day' });
    fireEvent.change(within(form).getByLabelText('Date'), { target: { value: `${year}-04-04` } });
    await fill(user, within(form).getByLabelText('Name'), "Children's Day");
    await user.click(within(form).getByRole('button', { name: 'Save date' }));
    await waitFor(() => expect(announced()).toContain("Children's Day"));
    expect(bodyOf(callsTo(`PUT /api/v1/calendars/cal_tw/days/${year}-04-04`))).toEqual({
      kind: 'holiday',
      name: "Children's Day",
      hours: null,
    });

    await user.click(screen.getByRole('button', { name: 'Add a holiday or working day' }));
    form = screen.getByRole('form', { name: 'Add a holiday or working day' });
    fireEvent.change(within(form).getByLabelText('Date'), { target: { value: `${year}-09-27` } });
    await user.selectOptions(within(form).getByLabelText('Kind'), 'Working day');
    await fill(user, within(form).getByLabelText('Name'), 'Make-up working day');
    await fill(user, within(form).getByLabelText('Working hours'), '09:00-12:00');
    await user.click(within(form).getByRole('button', { name: 'Save date' }));
    await waitFor(() => expect(callsTo(`PUT /api/v1/calendars/cal_tw/days/${year}-09-27`)).toHaveLength(1));
    expect(bodyOf(callsTo(`PUT /api/v1/calendars/cal_tw/days/${year}-09-27`))).toEqual({
      kind: 'working',
      name: 'Make-up working day',
      hours: [[540, 720]],
    });

    await user.click(await screen.findByRole('button', { name: 'Edit National Day' }));
    form = screen.getByRole('form', { name: 'Change National Day' });
    expect(within(form).queryByLabelText('Date')).toBeNull();
    await fill(user, within(form).getByLabelText('Name'), 'National Day (Double Tenth)');
    await user.click(within(form).getByRole('button', { name: 'Save date' }));
    await waitFor(() => expect(callsTo(`PUT /api/v1/calendars/cal_tw/days/${year}-10-10`)).toHaveLength(1));
    expect(bodyOf(callsTo(`PUT /api/v1/calendars/cal_tw/days/${year}-10-10`))).toEqual({
      kind: 'holiday',
      name: 'National Day (Double Tenth)',
      hours: null,
    });

    await user.click(await screen.findByRole('button', { name: 'Remove Make-up working day' }));
    const confirm = screen.getByRole('group', { name: /Remove “Make-up working day” on Feb 7, \d{4}\?/ });
    expect(callsTo(`DELETE /api/v1/calendars/cal_tw/days/${year}-02-07`)).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Yes, remove it' }));
    await waitFor(() => expect(announced()).toBe(`“Make-up working day” on Feb 7, ${year} removed.`));
    expect(callsTo(`DELETE /api/v1/calendars/cal_tw/days/${year}-02-07`)).toHaveLength(1);
  });

  it('shows a refused day name beside its field', async () => {
    const user = userEvent.setup({ delay: null });
    fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      [detailUrl]: () => json(200, detail()),
      [`PUT /api/v1/calendars/cal_tw/days/${year}-10-10`]: () => validationFailed('/body/name'),
    });
    renderSection('calendars/cal_tw', <Calendars />);
    await user.click(await screen.findByRole('button', { name: 'Edit National Day' }));
    const form = screen.getByRole('form', { name: 'Change National Day' });
    await fill(user, within(form).getByLabelText('Name'), ' ');
    await user.click(within(form).getByRole('button', { name: 'Save date' }));
    const name = within(form).getByLabelText('Name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(describedErrorOf(name)).toBe('Error: Enter a name of up to 200 characters.');
  });

  it('imports an iCal feed and says what happened', async () => {
    const user = userEvent.setup({ delay: null });
    const ics =
      'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261010\nSUMMARY:National Day\nEND:VEVENT\nEND:VCALENDAR';
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      [detailUrl]: () => json(200, detail()),
      'POST /api/v1/calendars/cal_tw/ical': () =>
        json(200, { imported: 3, keptManual: 1, skipped: [{ summary: 'Staff party', reason: 'not all day' }] }),
    });
    renderSection('calendars/cal_tw', <Calendars />);
    const form = await screen.findByRole('form', { name: 'Import holidays from iCal' });
    await fill(user, within(form).getByLabelText('Or paste the feed'), ics);
    await fill(user, within(form).getByLabelText('Repeat yearly events from (optional)'), '2026');
    await user.click(within(form).getByRole('button', { name: 'Import holidays' }));
    await waitFor(() => expect(announced()).toBe('3 holidays imported; 1 date set by hand was kept; 1 skipped.'));
    expect(within(form).getByText('Staff party')).toBeDefined();
    expect(bodyOf(callsTo('POST /api/v1/calendars/cal_tw/ical'))).toEqual({ ics, fromYear: 2026 });
  });

  it('works out a due time from a start in the calendar’s zone', async () => {
    const user = userEvent.setup({ delay: null });
    const url = 'GET /api/v1/calendars/cal_tw/due?start=2026-02-16T09%3A30%3A00.000Z&unit=working_minutes&amount=240';
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      [detailUrl]: () => json(200, detail()),
      [url]: () =>
        json(200, {
          start: '2026-02-16T09:30:00.000Z',
          unit: 'working_minutes',
          amount: 240,
          dueAt: '2026-02-23T03:30:00.000Z',
          dueAtLocal: '2026-02-23T11:30:00+08:00',
          startIsWorking: true,
          workingMinutes: 240,
        }),
    });
    renderSection('calendars/cal_tw', <Calendars />);
    const form = await screen.findByRole('form', { name: 'When would it be due?' });
    fireEvent.change(within(form).getByLabelText('Arrives at'), { target: { value: '2026-02-16T17:30' } });
    await user.selectOptions(within(form).getByLabelText('Counted in'), 'working hours');
    await fill(user, within(form).getByLabelText('Amount'), '4');
    await user.click(within(form).getByRole('button', { name: 'Work it out' }));
    const result = await within(form).findByText(/Asia\/Taipei\)$/);
    expect(result.textContent).toBe('Feb 23, 2026, 11:30 AM (Asia/Taipei)');
    expect(within(form).getByText('4 working hours')).toBeDefined();
    expect(callsTo(url)).toHaveLength(1);
  });
});
