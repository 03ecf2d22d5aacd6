import type { ReportOverviewDto } from '@redress/contract';

/** A month's report as the server sends it. */
export const buildOverview = (): ReportOverviewDto => ({
  from: '2026-02-14T00:00:00.000Z',
  to: '2026-03-16T00:00:00.000Z',
  volumeByCategory: [
    { categoryId: 'cat_delivery', names: { en: 'Delivery', 'zh-TW': '配送', th: 'การจัดส่ง' }, count: 1520 },
    { categoryId: 'cat_quality', names: { en: 'Product quality' }, count: 37 },
    { categoryId: null, names: null, count: 4 },
  ],
  volumeByDay: [
    { day: '2026-03-13', count: 5 },
    { day: '2026-03-14', count: 0 },
    { day: '2026-03-15', count: 9 },
  ],
  clockCompliance: [
    { kind: 'resolve', met: 80, breached: 15, running: 5 },
    { kind: 'first_response', met: 190, breached: 3, running: 7 },
  ],
  promises: { kept: 42, broken: 3, renegotiated: 6, open: 11, overdue: 2 },
});
