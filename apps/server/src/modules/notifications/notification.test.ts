import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locale } from '@redress/contract';
import {
  initialEmailState,
  recipientsFor,
  type NotifiableEvent,
  type Person,
  type RecipientFacts,
} from './notification.ts';
import { formatTime } from '../../shared/format-time.ts';
import { composeDigest, composeEmail, emailSafeData, escapeHtml } from './notification.email.ts';
import { formatInstant, renderNotification } from './notification.texts.ts';

const at = new Date('2026-03-02T09:00:00.000Z');
/** A person placed relative to the case: at its site (and so able to open it), or not. */
const person = (
  id: string,
  role: string,
  place: { atCaseSite?: boolean; mayOpenCase?: boolean; teamIds?: string[]; disabled?: boolean } = {},
): Person => ({
  id,
  role,
  disabled: place.disabled ?? false,
  teamIds: place.teamIds ?? [],
  atCaseSite: place.atCaseSite ?? false,
  mayOpenCase: place.mayOpenCase ?? place.atCaseSite ?? false,
});

const people: Person[] = [
  person('owner', 'agent', { atCaseSite: true }),
  person('agentB', 'agent'),
  person('supA', 'supervisor', { atCaseSite: true }),
  person('supB', 'supervisor'),
  person('supGone', 'supervisor', { atCaseSite: true, disabled: true }),
  person('mgrA', 'manager', { atCaseSite: true }),
  person('mgrB', 'manager'),
  person('admin', 'admin', { atCaseSite: true }),
  // The PR team stands at rank 3 brand-wide; its members see the cases their team has a task on.
  person('prTask', 'department_member', { teamIds: ['team_pr'], mayOpenCase: true }),
  person('prElsewhere', 'department_member', { teamIds: ['team_pr'] }),
  // At the case's site, but a department member sees only cases with their team's tasks.
  person('prAtSite', 'department_member', { teamIds: ['team_pr'], atCaseSite: true, mayOpenCase: false }),
];
const levels = [
  { rank: 0, roles: ['agent'], teamId: null },
  { rank: 1, roles: ['supervisor'], teamId: null },
  { rank: 2, roles: ['manager'], teamId: null },
  { rank: 3, roles: ['admin'], teamId: 'team_pr' },
];
const facts = (overrides: Partial<RecipientFacts> = {}): RecipientFacts => ({
  case: { ownerId: 'owner', escalationLevel: 0 },
  levels,
  people,
  proposerId: null,
  ...overrides,
});
const event = (
  type: string,
  payload: Record<string, unknown> = {},
  actorId: string | null = null,
): NotifiableEvent => ({
  id: 'evt_1',
  type,
  subjectType: 'case',
  subjectId: 'case_1',
  actorId,
  occurredAt: at,
  payload,
});

describe('recipientsFor', () => {
  test('a clock warning goes to the case owner only', () => {
    assert.deepEqual(recipientsFor(event('clock.warned', { key: 'resolve', percent: 75 }), facts()), ['owner']);
  });

  test("a breach at rank 0 goes to the owner and the site's supervisors (not another site's, not disabled ones)", () => {
    assert.deepEqual(recipientsFor(event('clock.breached', { key: 'first_response' }), facts()), ['owner', 'supA']);
  });

  test("a resolve or regulatory breach also goes to the site's managers", () => {
    assert.deepEqual(recipientsFor(event('clock.breached', { key: 'resolve' }), facts()), ['owner', 'supA', 'mgrA']);
    assert.deepEqual(recipientsFor(event('clock.breached', { key: 'regulatory', kind: 'regulatory' }), facts()), [
      'owner',
      'supA',
      'mgrA',
    ]);
    assert.deepEqual(recipientsFor(event('clock.breached', { key: 'task:task_1', kind: 'task' }), facts()), [
      'owner',
      'supA',
    ]);
  });

  test("a breach on an escalated case goes to the people at the case's level", () => {
    const escalated = facts({ case: { ownerId: 'owner', escalationLevel: 2 } });
    assert.deepEqual(recipientsFor(event('clock.breached', { key: 'keep_in_loop' }), escalated), ['owner', 'mgrA']);
  });

  test("an escalation goes to the new level: role holders at the site and the level's team", () => {
    assert.deepEqual(recipientsFor(event('case.escalated', { toRank: 1 }), facts()), ['supA']);
    // Team members only when they may open the case: not for cases outside their scope.
    assert.deepEqual(recipientsFor(event('case.escalated', { toRank: 3 }), facts()), ['admin', 'prTask']);
    // A rank the ladder lacks still reaches someone above the front line.
    assert.deepEqual(recipientsFor(event('case.escalated', { toRank: 9 }), facts()), ['supA']);
  });

  test('the actor who caused it is not told', () => {
    assert.deepEqual(recipientsFor(event('case.escalated', { toRank: 1 }, 'supA'), facts()), []);
    assert.deepEqual(recipientsFor(event('clock.breached', { key: 'resolve' }, 'owner'), facts()), ['supA', 'mgrA']);
  });

  test('compensation: approvers at the required rank; the decision to the proposer', () => {
    assert.deepEqual(recipientsFor(event('compensation.proposed', { requiredRank: 2 }, 'owner'), facts()), ['mgrA']);
    assert.deepEqual(
      recipientsFor(event('compensation.proposed', { requiredRank: 2, status: 'proposed' }, 'owner'), facts()),
      ['mgrA'],
    );
    // Within the proposer's own authority it is approved at once: nobody is asked.
    assert.deepEqual(
      recipientsFor(event('compensation.proposed', { requiredRank: 1, status: 'approved' }, 'supA'), facts()),
      [],
    );
    assert.deepEqual(recipientsFor(event('compensation.approved', {}, 'mgrA'), facts({ proposerId: 'owner' })), [
      'owner',
    ]);
    assert.deepEqual(recipientsFor(event('compensation.rejected', { proposedBy: 'agentB' }, 'mgrA'), facts()), [
      'agentB',
    ]);
  });

  test('a promise at risk goes to the owner; a broken one also up the ladder', () => {
    assert.deepEqual(recipientsFor(event('commitment.at_risk', { draft: 'Dear …' }), facts()), ['owner']);
    assert.deepEqual(recipientsFor(event('commitment.broken'), facts()), ['owner', 'supA']);
  });

  test('a disabled owner, an unknown event or a missing case: nobody', () => {
    const disabledOwner = facts({ people: people.map((p) => (p.id === 'owner' ? { ...p, disabled: true } : p)) });
    assert.deepEqual(recipientsFor(event('clock.warned'), disabledOwner), []);
    assert.deepEqual(recipientsFor(event('case.note_added'), facts()), []);
    assert.deepEqual(recipientsFor(event('clock.warned'), facts({ case: null })), []);
  });
});

test('initial e-mail state follows the setting, and is skipped without a mail server', () => {
  assert.equal(initialEmailState('immediate', true), 'pending');
  assert.equal(initialEmailState('digest', true), 'digest');
  assert.equal(initialEmailState('off', true), 'skipped');
  assert.equal(initialEmailState('immediate', false), 'skipped');
});

describe('renderNotification', () => {
  const breach = {
    caseRef: 'C-2026-000042',
    key: 'resolve',
    dueAt: '2026-03-02T09:00:00.000Z',
    timeZone: 'Asia/Taipei',
  };

  test('four languages, times in the site time zone', () => {
    const expected: Record<Locale, { title: RegExp; body: RegExp }> = {
      en: { title: /^C-2026-000042: resolution overdue$/, body: /was due March 2, 2026 at 17:00 GMT\+8/ },
      'zh-TW': { title: /^C-2026-000042：結案處理已逾期$/, body: /2026年3月2日 17:00 \[GMT\+8\]/ },
      'zh-CN': { title: /^C-2026-000042：结案处理已逾期$/, body: /2026年3月2日 .*17:00/ },
      // Thai dates count Buddhist-era years: 2026 is 2569.
      th: { title: /^C-2026-000042: การแก้ไขปัญหาเลยกำหนดแล้ว$/, body: /2 มีนาคม 2569 เวลา 17:00/ },
    };
    for (const [locale, want] of Object.entries(expected) as [Locale, { title: RegExp; body: RegExp }][]) {
      const out = renderNotification('clock_breached', breach, locale);
      assert.match(out.title, want.title, locale);
      assert.match(out.body, want.body, locale);
    }
  });

  test('the same instant reads differently in Bangkok, written as the customer drafts write it', () => {
    const at = '2026-03-02T09:00:00.000Z';
    assert.equal(formatInstant(at, 'en', 'Asia/Bangkok'), 'March 2, 2026 at 16:00 GMT+7');
    assert.equal(formatInstant(at, 'th', 'Asia/Bangkok'), formatTime(new Date(at), 'th', 'Asia/Bangkok'));
    assert.match(formatInstant(at, 'en', 'No/Such_Zone') ?? '', /09:00 UTC/);
    assert.equal(formatInstant('not a time', 'en', 'UTC'), null);
  });

  test('every kind renders in every language without leaking a placeholder', () => {
    const data = {
      caseRef: 'C-1',
      caseSubject: 'Mango',
      timeZone: 'UTC',
      key: 'task:task_1',
      kind: 'refund',
      dueAt: '2026-03-03T00:00:00.000Z',
      percent: 80,
      text: 'Report by Friday',
      toRank: 2,
      requiredRank: 2,
      levelNames: { en: 'Manager', 'zh-TW': '經理', 'zh-CN': '经理', th: 'ผู้จัดการ' },
      amount: 123_450,
      currency: 'TWD',
      note: 'Too much',
    };
    const kinds = [
      'clock_warned',
      'clock_breached',
      'commitment_at_risk',
      'commitment_broken',
      'case_escalated',
      'compensation_proposed',
      'compensation_approved',
      'compensation_rejected',
    ] as const;
    const titles = new Set<string>();
    for (const locale of ['en', 'zh-TW', 'zh-CN', 'th'] as const) {
      for (const kind of kinds) {
        const out = renderNotification(kind, data, locale);
        assert.ok(out.title.length > 0 && out.body.length > 0);
        assert.doesNotMatch(`${out.title}${out.body}`, /undefined|null|\$\{|NaN/, `${locale} ${kind}`);
        assert.doesNotMatch(out.title, /\n/);
        titles.add(out.title);
      }
    }
    assert.equal(titles.size, 32, 'each kind and language has its own title');
    assert.match(renderNotification('compensation_proposed', data, 'en').title, /refund/);
    assert.match(renderNotification('compensation_proposed', data, 'en').body, /Manager/);
    assert.match(renderNotification('compensation_approved', data, 'en').title, /NT\$1,234\.50/);
    assert.match(renderNotification('case_escalated', data, 'zh-TW').title, /經理/);
  });
});

describe('e-mail bodies', () => {
  test('carry the case ref, the kind of notice, the due time and the link — no free text', () => {
    const data = {
      caseRef: 'C-2026-000007',
      caseSubject: 'Mrs Chen Mei-ling, 0912-345-678: mouldy mangoes',
      text: 'Call Mrs Chen back with the lab report',
      draft: 'Dear Mrs Chen, …',
      note: 'Mrs Chen already had a voucher',
      timeZone: 'Asia/Taipei',
      dueAt: '2026-03-02T09:00:00.000Z',
      key: 'commitment:cmt_1',
      toRank: 1,
      kind: 'voucher',
      amount: 50000,
      currency: 'TWD',
    };
    const kinds = [
      'commitment_at_risk',
      'commitment_broken',
      'case_escalated',
      'compensation_rejected',
      'clock_warned',
    ] as const;
    for (const locale of ['en', 'zh-TW', 'zh-CN', 'th'] as const) {
      for (const kind of kinds) {
        const mail = composeEmail(
          { rendered: renderNotification(kind, emailSafeData(data), locale), link: 'https://r.example/cases/c' },
          locale,
        );
        const all = `${mail.subject}\n${mail.text}\n${mail.html}`;
        assert.doesNotMatch(all, /Chen|0912|mango|lab report|voucher had/i, `${kind} ${locale}`);
        assert.match(all, /C-2026-000007/, `${kind} ${locale}`);
        assert.match(all, /https:\/\/r\.example\/cases\/c/);
      }
      const atRisk = renderNotification('commitment_at_risk', emailSafeData(data), locale).body;
      assert.ok(atRisk.includes(formatTime(new Date(data.dueAt), locale, 'Asia/Taipei') ?? '?'), locale);
    }
    // In the app the words are there.
    assert.match(renderNotification('commitment_at_risk', data, 'en').body, /lab report/);
  });

  const hostile = {
    caseRef: 'C-9',
    caseSubject: '<script>alert("x")</script>\r\nBcc: victim@example.com',
    timeZone: 'UTC',
    toRank: 1,
  };

  test('hostile case subjects are escaped in HTML and kept on one line in the subject', () => {
    const rendered = renderNotification('case_escalated', hostile, 'en');
    const mail = composeEmail({ rendered, link: 'https://redress.example/cases/case_1?a=1&b="2"' }, 'en');
    assert.doesNotMatch(mail.html, /<script>/);
    assert.match(mail.html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    assert.match(mail.html, /href="https:\/\/redress\.example\/cases\/case_1\?a=1&amp;b=&quot;2&quot;"/);
    assert.doesNotMatch(mail.subject, /[\r\n]/);
    assert.match(mail.text, /<script>alert\("x"\)<\/script>/, 'plain text keeps the words as written');
    assert.match(mail.html, /^<!doctype html><html lang="en">/);
  });

  test('escapeHtml covers the five characters', () => {
    assert.equal(escapeHtml(`<a href='x'>"&"</a>`), '&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;');
  });

  test('a digest lists some, counts all, in the reader language', () => {
    const rendered = renderNotification('clock_warned', { caseRef: 'C-1', key: 'resolve', timeZone: 'UTC' }, 'zh-TW');
    const items = Array.from({ length: 3 }, () => ({ rendered, link: null }));
    const mail = composeDigest(items, 5, 'zh-TW');
    assert.equal(mail.subject, 'Redress：5 則通知');
    assert.match(mail.text, /您有 5 則新通知/);
    assert.match(mail.text, /另有 2 則/);
    assert.equal(mail.html.split('<hr>').length - 1, 4);
  });
});

describe('a spike of complaints like one case', () => {
  const spike = event('recurrence.spike_detected', { currentCount: 9, baselineAverage: 1.25, caseIds: ['case_1'] });

  test("goes to the site's supervisors and managers, not the owner or another site's", () => {
    assert.deepEqual(recipientsFor(spike, facts()), ['supA', 'mgrA']);
  });

  test('reads in the four languages, with the counts and no customer text in the e-mail', () => {
    const data = { caseRef: 'C-2026-7', caseSubject: '芒果乾發霉', currentCount: 9, baselineAverage: 1.25 };
    const expected: Record<Locale, RegExp> = {
      en: /9 complaints like C-2026-7 \(芒果乾發霉\).*about 1\.3 a week/,
      'zh-TW': /9 件與C-2026-7 \(芒果乾發霉\)相似.*每週約 1\.3 件/,
      'zh-CN': /9 件与C-2026-7 \(芒果乾發霉\)相似.*每周约 1\.3 件/,
      th: /เข้ามา 9 เรื่อง จากเดิมประมาณสัปดาห์ละ 1\.3 เรื่อง/,
    };
    for (const [locale, pattern] of Object.entries(expected) as [Locale, RegExp][]) {
      assert.match(renderNotification('recurrence_spike', data, locale).body, pattern);
      assert.deepEqual(emailSafeData(data), { caseRef: 'C-2026-7', currentCount: 9, baselineAverage: 1.25 });
    }
  });
});
