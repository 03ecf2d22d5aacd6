import { describe, expect, it } from 'vitest';
import { locateEvidence, segmentText } from './highlight.tsx';

describe('marking the words behind a signal', () => {
  it('splits the text around each span, in order, whatever order the spans came in', () => {
    const text = 'ของเสียหาย จะฟ้องสคบ. และขอคืนเงิน';
    const sue = locateEvidence(text, { start: 0, end: 0, evidence: 'ฟ้องสคบ.' });
    const refund = locateEvidence(text, { start: 0, end: 0, evidence: 'ขอคืนเงิน' });
    expect(
      segmentText(text, [
        { ...refund!, label: 'refund' },
        { ...sue!, label: 'regulator' },
      ]),
    ).toEqual([
      { text: 'ของเสียหาย จะ', mark: false },
      { text: 'ฟ้องสคบ.', mark: true, label: 'regulator' },
      { text: ' และ', mark: false },
      { text: 'ขอคืนเงิน', mark: true, label: 'refund' },
    ]);
  });

  it('trusts offsets only when they point at the evidence, and finds the words otherwise', () => {
    const text = '你們是騙子！';
    expect(locateEvidence(text, { start: 3, end: 5, evidence: '騙子' })).toEqual({ start: 3, end: 5 });
    expect(locateEvidence(text, { start: 0, end: 2, evidence: '騙子' })).toEqual({ start: 3, end: 5 });
    expect(locateEvidence(text, { start: 0, end: 2, evidence: '律師' })).toBeNull();
  });

  it('drops a span overlapping one already marked and ignores spans outside the text', () => {
    expect(
      segmentText('I want a manager now', [
        { start: 2, end: 16, label: 'manager' },
        { start: 9, end: 20, label: 'urgency' },
        { start: 30, end: 40, label: 'outside' },
      ]),
    ).toEqual([
      { text: 'I ', mark: false },
      { text: 'want a manager', mark: true, label: 'manager' },
      { text: ' now', mark: false },
    ]);
  });
});
