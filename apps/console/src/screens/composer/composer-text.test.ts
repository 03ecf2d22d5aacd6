import { describe, expect, it } from 'vitest';
import {
  appendLine,
  excerptAround,
  fillPlaceholders,
  fromLocalInput,
  insertAt,
  insertBlock,
  locateSpan,
  prependGreeting,
  replaceSpan,
  toLocalInput,
} from './composer-text.ts';

describe('fillPlaceholders', () => {
  it("fills the customer's name and the case reference, with or without spaces in the braces", () => {
    expect(
      fillPlaceholders('{{customerName}}您好，案件 {{ caseRef }} 已收到。{{customerName}}', {
        customerName: '陳小姐',
        caseRef: 'C-2026-000123',
      }),
    ).toBe('陳小姐您好，案件 C-2026-000123 已收到。陳小姐');
  });

  it('leaves other placeholders for the agent to see', () => {
    expect(fillPlaceholders('Due {{dueDate}}', { customerName: 'A', caseRef: 'B' })).toBe('Due {{dueDate}}');
  });
});

describe('editing the draft', () => {
  it('inserts at the cursor and puts the cursor after the insertion', () => {
    expect(insertAt('Hello world', 6, 6, 'big ')).toEqual({ text: 'Hello big world', cursor: 10 });
    expect(insertAt('Hello world', 6, 11, 'Mei')).toEqual({ text: 'Hello Mei', cursor: 9 });
    expect(insertAt('abc', 10, 12, 'd')).toEqual({ text: 'abcd', cursor: 4 });
  });

  it('puts a block on lines of its own', () => {
    expect(insertBlock('', 0, 0, 'Body')).toEqual({ text: 'Body', cursor: 4 });
    expect(insertBlock('Hi Mei,', 7, 7, 'Body')).toEqual({ text: 'Hi Mei,\nBody', cursor: 12 });
    expect(insertBlock('Hi Mei,\nThanks', 8, 8, 'Body')).toEqual({ text: 'Hi Mei,\nBody\nThanks', cursor: 12 });
  });

  it('opens with a greeting and adds a last line', () => {
    expect(prependGreeting('  we are checking', 'Dear Ms Chen,')).toEqual({
      text: 'Dear Ms Chen,\nwe are checking',
      cursor: 14,
    });
    expect(prependGreeting('', 'เรียนคุณสมชาย').text).toBe('เรียนคุณสมชาย\n');
    expect(appendLine('We are checking.\n\n', 'I will call you by 3 pm.')).toEqual({
      text: 'We are checking.\nI will call you by 3 pm.',
      cursor: 41,
    });
  });

  it('finds a span where it was, or where its words moved to, or not at all', () => {
    const span = { start: 3, end: 19, text: 'our policy says ' };
    expect(locateSpan('As our policy says no', span)).toEqual({ start: 3, end: 19 });
    expect(locateSpan('Hello. As our policy says no', span)).toEqual({ start: 10, end: 26 });
    expect(locateSpan('As we can, we will', span)).toBeUndefined();
    expect(replaceSpan('Hi, 有关部门会处理', { start: 4, end: 8, text: '有关部门' }, '仓库的王经理')).toEqual({
      text: 'Hi, 仓库的王经理会处理',
      cursor: 10,
    });
    expect(replaceSpan('gone', span, 'x')).toBeUndefined();
  });

  it('cuts an excerpt around a span on one line', () => {
    const draft = `${'a'.repeat(40)} our policy says\nno ${'b'.repeat(40)}`;
    const start = draft.indexOf('our');
    const excerpt = excerptAround(draft, { start, end: start + 15, text: 'our policy says' }, 5);
    expect(excerpt).toEqual({ before: '…aaaa ', marked: 'our policy says', after: ' no b…' });
  });
});

describe('datetime-local values', () => {
  it('round-trips an instant through the browser time zone to the minute', () => {
    const iso = new Date(2026, 2, 5, 15, 0).toISOString();
    expect(toLocalInput(iso)).toBe('2026-03-05T15:00');
    expect(fromLocalInput('2026-03-05T15:00')).toBe(iso);
  });

  it('rejects incomplete values', () => {
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('2026-03-05')).toBeUndefined();
    expect(toLocalInput('not a date')).toBe('');
  });
});
