import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PolicySubject, ServicePolicy } from './policy.ts';
import { selectPolicy } from './policy-match.ts';

const policy = (id: string, rank: number, overrides: Partial<ServicePolicy> = {}): ServicePolicy => ({
  id,
  name: id,
  rank,
  conditions: {},
  calendarId: null,
  targets: { acknowledge: null, firstResponse: null, keepInLoop: null, resolve: null },
  regulatory: null,
  pauseStatuses: [],
  warnPercents: [],
  preset: null,
  enabled: true,
  ...overrides,
});

const subject: PolicySubject = {
  categoryId: 'cat_food',
  severity: 'high',
  channel: 'email',
  siteId: 'site_tpe',
  customerTier: 'gold',
};

describe('selectPolicy', () => {
  test('the first match in ascending rank wins, whatever the input order', () => {
    const chosen = selectPolicy([policy('pol_late', 20), policy('pol_early', 10)], subject);
    assert.equal(chosen?.id, 'pol_early');
  });

  test('disabled policies are skipped; equal ranks keep the given order', () => {
    const chosen = selectPolicy(
      [policy('pol_off', 1, { enabled: false }), policy('pol_a', 5), policy('pol_b', 5)],
      subject,
    );
    assert.equal(chosen?.id, 'pol_a');
  });

  test('every condition list must admit the subject; empty lists admit anything', () => {
    const policies = [
      policy('pol_sev', 1, { conditions: { severities: ['critical'] } }),
      policy('pol_site', 2, { conditions: { siteIds: ['site_bkk'], channels: [] } }),
      policy('pol_tier', 3, { conditions: { customerTiers: ['gold'], channels: ['email', 'phone'] } }),
      policy('pol_any', 4),
    ];
    assert.equal(selectPolicy(policies, subject)?.id, 'pol_tier');
    assert.equal(selectPolicy(policies, { ...subject, customerTier: null })?.id, 'pol_any');
    assert.equal(selectPolicy(policies, { ...subject, severity: 'critical' })?.id, 'pol_sev');
  });

  test('a subject without a category never matches a category list', () => {
    const policies = [policy('pol_cat', 1, { conditions: { categoryIds: ['cat_food'] } })];
    assert.equal(selectPolicy(policies, subject)?.id, 'pol_cat');
    assert.equal(selectPolicy(policies, { ...subject, categoryId: null }), undefined);
    assert.equal(selectPolicy([], subject), undefined);
  });
});
