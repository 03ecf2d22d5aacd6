import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../shared/errors.ts';
import {
  daysOf,
  everyDay,
  MAX_REPORT_DAYS,
  orderClockCounts,
  orderWorkload,
  reportRange,
  reportSites,
  topCategoryOf,
  volumeByCategory,
} from './reports.ts';
import type { CategoryInfo } from './reports.repository.ts';

const NOW = new Date('2026-03-02T09:00:00.000Z');

const refused = (run: () => unknown, code: string, field: string) =>
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, code);
    assert.equal(error.details[0]?.field, field);
    return true;
  });

test('the range defaults to the 30 days up to now, or before the given end', () => {
  assert.deepEqual(reportRange({}, NOW), { from: new Date('2026-01-31T09:00:00.000Z'), to: NOW });
  assert.deepEqual(reportRange({ to: '2026-02-01T00:00:00Z' }, NOW), {
    from: new Date('2026-01-02T00:00:00.000Z'),
    to: new Date('2026-02-01T00:00:00.000Z'),
  });
  assert.deepEqual(reportRange({ from: '2026-02-20T00:00:00+08:00' }, NOW), {
    from: new Date('2026-02-19T16:00:00.000Z'),
    to: NOW,
  });
});

test('a backwards, empty or over-long range is refused with a coded 422; a year with its leap day is not', () => {
  refused(
    () => reportRange({ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }, NOW),
    'rule_violated',
    '/querystring/to',
  );
  refused(
    () => reportRange({ from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }, NOW),
    'rule_violated',
    '/querystring/to',
  );
  refused(
    () => reportRange({ from: '2025-01-01T00:00:00Z', to: '2026-01-02T00:00:01Z' }, NOW),
    'rule_violated',
    '/querystring/from',
  );
  const leapYear = reportRange({ from: '2028-01-01T00:00:00Z', to: '2029-01-01T00:00:00Z' }, NOW);
  assert.equal((leapYear.to.getTime() - leapYear.from.getTime()) / 86_400_000, MAX_REPORT_DAYS);
  refused(() => reportRange({ from: 'not a date' }, NOW), 'validation_failed', '/querystring/from');
});

test("the sites counted are the caller's, narrowed to a site only within them", () => {
  const brand = { allSites: true, siteIds: [], teamIds: [] };
  const local = { allSites: false, siteIds: ['site_a', 'site_b'], teamIds: [] };
  assert.deepEqual(reportSites(brand), { all: true, siteIds: [] });
  assert.deepEqual(reportSites(brand, 'site_x'), { all: false, siteIds: ['site_x'] });
  assert.deepEqual(reportSites(local), { all: false, siteIds: ['site_a', 'site_b'] });
  assert.deepEqual(reportSites(local, 'site_b'), { all: false, siteIds: ['site_b'] });
  assert.deepEqual(reportSites(local, 'site_x'), { all: false, siteIds: [] }, 'another site counts nothing');
});

test('every UTC day the range touches is listed, zero where nothing happened', () => {
  const range = { from: new Date('2026-02-27T22:00:00Z'), to: new Date('2026-03-02T00:00:00Z') };
  assert.deepEqual(daysOf(range), ['2026-02-27', '2026-02-28', '2026-03-01'], 'the end is exclusive');
  assert.deepEqual(daysOf({ from: new Date('2028-02-28T12:00:00Z'), to: new Date('2028-03-01T00:00:01Z') }), [
    '2028-02-28',
    '2028-02-29',
    '2028-03-01',
  ]);
  assert.deepEqual(everyDay([{ day: '2026-02-28', count: 3 }], range), [
    { day: '2026-02-27', count: 0 },
    { day: '2026-02-28', count: 3 },
    { day: '2026-03-01', count: 0 },
  ]);
  assert.equal(daysOf({ from: new Date('2025-03-02T09:00:00Z'), to: new Date('2026-03-02T09:00:00Z') }).length, 366);
});

test('categories roll up to the top of their branch; most first, uncategorised last among equals', () => {
  const categories: CategoryInfo[] = [
    { id: 'cat_q', parentId: null, names: { en: 'Quality' } },
    { id: 'cat_spoiled', parentId: 'cat_q', names: { en: 'Spoiled' } },
    { id: 'cat_mould', parentId: 'cat_spoiled', names: { en: 'Mould' } },
    { id: 'cat_s', parentId: null, names: { en: 'Service', th: 'บริการ' } },
  ];
  const counts = [
    { categoryId: 'cat_mould', count: 2 },
    { categoryId: 'cat_spoiled', count: 1 },
    { categoryId: 'cat_s', count: 3 },
    { categoryId: null, count: 3 },
  ];
  assert.deepEqual(volumeByCategory(counts, categories, false), [
    { categoryId: 'cat_s', names: { en: 'Service', th: 'บริการ' }, count: 3 },
    { categoryId: null, names: null, count: 3 },
    { categoryId: 'cat_mould', names: { en: 'Mould' }, count: 2 },
    { categoryId: 'cat_spoiled', names: { en: 'Spoiled' }, count: 1 },
  ]);
  assert.deepEqual(volumeByCategory(counts, categories, true), [
    { categoryId: 'cat_q', names: { en: 'Quality' }, count: 3 },
    { categoryId: 'cat_s', names: { en: 'Service', th: 'บริการ' }, count: 3 },
    { categoryId: null, names: null, count: 3 },
  ]);
  const cycle = new Map([
    ['cat_a', 'cat_b'],
    ['cat_b', 'cat_a'],
  ]);
  assert.ok(['cat_a', 'cat_b'].includes(topCategoryOf('cat_a', cycle)), 'a cycle ends');
});

test('clock kinds follow the catalogue order and empty kinds are left out; people by name', () => {
  const clock = (kind: string, met = 1) => ({ kind, met, breached: 0, running: 0 });
  assert.deepEqual(
    orderClockCounts([
      clock('task'),
      clock('zeta'),
      clock('resolve'),
      clock('acknowledge'),
      clock('regulatory', 0),
    ]).map((c) => c.kind),
    ['acknowledge', 'resolve', 'task', 'zeta'],
  );
  const person = (userId: string, name: string) => ({
    userId,
    name,
    role: 'agent',
    openCases: 0,
    breachedClocks: 0,
    openCommitments: 0,
    overdueCommitments: 0,
    openTasks: 0,
  });
  assert.deepEqual(
    orderWorkload([person('usr_2', 'Bea'), person('usr_3', 'Al'), person('usr_1', 'Bea')]).map((p) => p.userId),
    ['usr_3', 'usr_1', 'usr_2'],
  );
});
