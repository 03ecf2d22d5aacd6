import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeCaptureInput } from './capture.service.ts';
import {
  applyConsent,
  checkMerge,
  defaultCountry,
  EMPTY_CONSENT,
  EMPTY_WHAT_MATTERS,
  maskEmail,
  maskPhone,
  mergeFields,
  nameSearchKey,
  normalizeEmail,
  normalizeExternalId,
  normalizePhone,
  normalizeWhatMatters,
  parseExternalIdQuery,
  phoneSearchCandidates,
  rankCandidates,
  tryNormalizeEmail,
  tryNormalizePhone,
  type Customer,
} from './customer.ts';

const now = new Date('2026-03-02T09:00:00.000Z');
const earlier = new Date('2026-01-15T03:00:00.000Z');

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    const e = error as { code?: string; details?: { field?: string }[] };
    assert.equal(e.code, 'validation_failed');
    return e.details?.[0]?.field;
  }
  assert.fail('expected a validation error');
};

const customer = (overrides: Partial<Customer> = {}): Customer => ({
  id: 'cus_A',
  name: 'Sarah Mitchell',
  preferredName: null,
  language: null,
  emails: [],
  phones: [],
  externalIds: [],
  whatMatters: EMPTY_WHAT_MATTERS,
  consent: EMPTY_CONSENT,
  mergedInto: null,
  createdAt: earlier,
  updatedAt: earlier,
  ...overrides,
});

test('e-mail addresses compare without case, surrounding space or full-width letters', () => {
  assert.equal(normalizeEmail('  Sarah.Mitchell@Example.COM '), 'sarah.mitchell@example.com');
  assert.equal(normalizeEmail('ｃｈｅｎ＠ｅｘａｍｐｌｅ．ｔｗ'), 'chen@example.tw');
  assert.equal(tryNormalizeEmail('not an address'), undefined);
  assert.equal(tryNormalizeEmail('a@b'), undefined);
  assert.equal(tryNormalizeEmail(`${'x'.repeat(250)}@example.com`), undefined);
  assert.equal(
    fieldOf(() => normalizeEmail('chen@@example')),
    '/body/email',
  );
});

test('Thai numbers: 08x national, +66 international and full-width digits all become one E.164 number', () => {
  for (const typed of [
    '081-234-5678',
    '081 234 5678',
    '0812345678',
    '+66 81 234 5678',
    '+66812345678',
    '０８１２３４５６７８',
    '０８１　２３４　５６７８',
  ]) {
    assert.equal(normalizePhone(typed, 'th'), '+66812345678', typed);
  }
  assert.equal(normalizePhone('02 123 4567', 'th'), '+6621234567', 'a Bangkok landline');
});

test('Taiwanese 09xx and Chinese 1xx mobile numbers read in the country of the language', () => {
  assert.equal(normalizePhone('0912-345-678', 'zh-TW'), '+886912345678');
  assert.equal(normalizePhone('(09) 1234 5678', 'zh-TW'), '+886912345678');
  assert.equal(normalizePhone('138 1234 5678', 'zh-CN'), '+8613812345678');
  assert.equal(normalizePhone('+86 138-1234-5678', 'zh-CN'), '+8613812345678');
  // A Taiwanese number given with its country code is Taiwanese whoever gives it.
  assert.equal(normalizePhone('+886 912 345 678', 'th'), '+886912345678');
});

test('English gives no country: only + numbers are accepted, and the error names the field', () => {
  assert.equal(defaultCountry('en'), undefined);
  assert.equal(normalizePhone('+44 20 7946 0958', 'en'), '+442079460958');
  assert.equal(tryNormalizePhone('020 7946 0958', 'en'), undefined);
  assert.equal(tryNormalizePhone('020 7946 0958', undefined), undefined);
  assert.equal(
    fieldOf(() => normalizePhone('020 7946 0958', 'en', '/body/phone')),
    '/body/phone',
  );
  assert.equal(tryNormalizePhone('12345', 'th'), undefined, 'too short for Thailand');
  assert.equal(tryNormalizePhone('call me maybe', 'th'), undefined);
  assert.equal(tryNormalizePhone('<script>0812345678</script>', 'th'), undefined);
});

test('a search text may mean several national numbers; all are tried', () => {
  assert.deepEqual(phoneSearchCandidates('081-234-5678'), ['+66812345678']);
  assert.ok(phoneSearchCandidates('0912345678').includes('+886912345678'));
  assert.deepEqual(phoneSearchCandidates('+44 20 7946 0958'), ['+442079460958']);
  assert.deepEqual(phoneSearchCandidates('Sarah'), []);
});

test('external ids: kind lower-case, value folded and upper-case; kind:value queries split at the first colon', () => {
  assert.deepEqual(normalizeExternalId({ kind: ' Order ', value: ' uk-1001 ' }), { kind: 'order', value: 'UK-1001' });
  assert.deepEqual(normalizeExternalId({ kind: 'member', value: 'ｔｗ－０００１' }), {
    kind: 'member',
    value: 'TW-0001',
  });
  assert.deepEqual(parseExternalIdQuery('order:A:1'), { kind: 'order', value: 'A:1' });
  assert.equal(
    fieldOf(() => parseExternalIdQuery('A-1')),
    '/querystring/externalId',
  );
  assert.equal(
    fieldOf(() => normalizeExternalId({ kind: 'order no', value: 'x' }, '/body/externalIds/2')),
    '/body/externalIds/2/kind',
  );
});

test('capture input: names keep their script, errors point under /body/customer', () => {
  const keys = normalizeCaptureInput({
    name: '  สมชาย   ใจดี ',
    phone: '081 234 5678',
    language: 'th',
    preferredName: ' คุณสมชาย ',
    externalIds: [
      { kind: 'order', value: 'th-1' },
      { kind: 'ORDER', value: 'TH-1' },
    ],
  });
  assert.equal(keys.name, 'สมชาย ใจดี');
  assert.equal(keys.preferredName, 'คุณสมชาย');
  assert.equal(keys.phone, '+66812345678');
  assert.equal(keys.email, undefined);
  assert.deepEqual(keys.externalIds, [{ kind: 'order', value: 'TH-1' }], 'duplicates collapse');
  assert.equal(
    fieldOf(() => normalizeCaptureInput({ name: '王磊', phone: '555', language: 'zh-CN' })),
    '/body/customer/phone',
  );
  assert.equal(
    fieldOf(() => normalizeCaptureInput({ name: '   ' })),
    '/body/customer/name',
  );
  assert.equal(
    fieldOf(() => normalizeCaptureInput({ name: 'Sarah', email: 'nope' }, '/body')),
    '/body/email',
  );
  assert.equal(normalizeCaptureInput({ name: 'Sarah', email: '  ', phone: '' }).email, undefined, 'blank is absent');
});

test('name search keys fold width and case, in every script', () => {
  assert.equal(nameSearchKey('Sarah  MITCHELL', null), 'sarah mitchell');
  assert.equal(nameSearchKey('陳美玲', 'Ｍｅｉｌｉｎｇ'), '陳美玲 meiling');
});

test('matching ranks e-mail over phone over external id, and lists every key a customer matched by', () => {
  const ranked = rankCandidates([
    { customerId: 'cus_ext', matchedBy: 'external_id' },
    { customerId: 'cus_phone', matchedBy: 'phone' },
    { customerId: 'cus_both', matchedBy: 'external_id' },
    { customerId: 'cus_both', matchedBy: 'email' },
  ]);
  assert.deepEqual(ranked, [
    { customerId: 'cus_both', matchedBy: ['email', 'external_id'] },
    { customerId: 'cus_phone', matchedBy: ['phone'] },
    { customerId: 'cus_ext', matchedBy: ['external_id'] },
  ]);
  assert.deepEqual(rankCandidates([]), []);
});

test('consent: only a changed answer gets a new timestamp', () => {
  const first = applyConsent(EMPTY_CONSENT, { marketing: false, contactEmail: true }, earlier);
  assert.deepEqual(first.changed.sort(), ['contactEmail', 'marketing']);
  const second = applyConsent(first.consent, { marketing: false, contactEmail: false }, now);
  assert.deepEqual(second.changed, ['contactEmail']);
  assert.deepEqual(second.consent.marketing, { granted: false, changedAt: earlier });
  assert.deepEqual(second.consent.contactEmail, { granted: false, changedAt: now });
  assert.equal(second.consent.dataProcessing, null);
});

test('what matters: priorities de-duplicated in order, blank text is none', () => {
  assert.deepEqual(normalizeWhatMatters({ priorities: ['time', 'price', 'time'], text: '  ' }), {
    priorities: ['time', 'price'],
    text: null,
  });
});

test('merge: survivor keeps its name, fills gaps from the duplicate, unions notes, newest consent wins', () => {
  const survivor = customer({
    whatMatters: { priorities: ['time'], text: 'Wants a call before 5 pm' },
    consent: { ...EMPTY_CONSENT, marketing: { granted: true, changedAt: earlier } },
  });
  const duplicate = customer({
    id: 'cus_B',
    name: 'S. Mitchell',
    preferredName: 'Sarah',
    language: 'en',
    whatMatters: { priorities: ['attention', 'time'], text: 'Felt ignored last time' },
    consent: {
      ...EMPTY_CONSENT,
      marketing: { granted: false, changedAt: now },
      contactPhone: { granted: true, changedAt: earlier },
    },
  });
  const merged = mergeFields(survivor, duplicate);
  assert.equal(merged.preferredName, 'Sarah');
  assert.equal(merged.language, 'en');
  assert.deepEqual(merged.whatMatters, {
    priorities: ['time', 'attention'],
    text: 'Wants a call before 5 pm\n\nFelt ignored last time',
  });
  assert.deepEqual(merged.consent.marketing, { granted: false, changedAt: now });
  assert.deepEqual(merged.consent.contactPhone, { granted: true, changedAt: earlier });
  assert.equal(mergeFields(customer({ preferredName: 'Ms Mitchell' }), duplicate).preferredName, 'Ms Mitchell');
  assert.equal(
    mergeFields(survivor, customer({ id: 'cus_C', whatMatters: survivor.whatMatters })).whatMatters.text,
    'Wants a call before 5 pm',
    'the same note is not repeated',
  );
});

test('merge refuses the same customer and customers already merged', () => {
  assert.equal(
    fieldOf(() => checkMerge(customer(), customer())),
    '/body/duplicateId',
  );
  assert.throws(() => checkMerge(customer(), customer({ id: 'cus_B', mergedInto: 'cus_X' })), { code: 'conflict' });
  assert.throws(() => checkMerge(customer({ mergedInto: 'cus_X' }), customer({ id: 'cus_B' })), { code: 'conflict' });
  assert.doesNotThrow(() => checkMerge(customer(), customer({ id: 'cus_B' })));
});

test('lists mask contacts: enough to recognise, not to contact', () => {
  assert.equal(maskEmail('sarah.mitchell@example.com'), 's***@example.com');
  assert.equal(maskEmail('陳@example.tw'), '陳***@example.tw');
  assert.equal(maskPhone('+66812345678'), '+66•••••5678');
  assert.equal(maskPhone('+8613812345678'), '+86•••••••5678');
  assert.equal(maskPhone('+886912345678'), '+886•••••5678');
});
