import type { PolicyPresetCode } from '@redress/contract';
import type { ServicePolicy } from './policy.ts';

/** What a shipped preset fills in; the organisation adds the calendar, rank and conditions. */
export type PolicyPreset = Pick<ServicePolicy, 'name' | 'targets' | 'regulatory' | 'pauseStatuses' | 'warnPercents'>;

/**
 * Shipped service policies. Each value is either a rule's own number or, where the rule says only
 * "promptly" or "a reasonable time", a conservative default said to be one; administrators edit
 * them after creating the policy.
 *
 * - `iso10002` — ISO 10002:2018 (complaints handling in organisations), 7.3–7.8: acknowledge each
 *   complaint promptly, keep the complainant informed of progress, respond within a reasonable
 *   time. The standard sets no numbers: acknowledge by the end of the next working day, an update
 *   at least every 16 working hours (two working days), resolve within 10 working days.
 * - `fca_disp` — UK FCA Handbook DISP 1.6.1R (send a prompt written acknowledgement; keep the
 *   complainant informed), DISP 1.5 (a complaint resolved by close of business on the third
 *   business day following the day it is received may be closed with a summary resolution
 *   communication) and DISP 1.6.2R (a final response within eight weeks of receipt). So:
 *   acknowledge by the end of the next business day, a first response (summary resolution or the
 *   start of full handling) by the end of the third business day after receipt, and the eight
 *   weeks as a 56-calendar-day regulatory clock. DISP's time limits do not stop while waiting for
 *   the customer, so nothing pauses.
 * - `cfpb` — US Consumer Financial Protection Bureau, company response process: companies respond
 *   to complaints sent through the CFPB portal within 15 (calendar) days, and close those marked
 *   "in progress" with a final response within 60 days. First response 15 calendar days; the 60
 *   days as the regulatory clock.
 * - `cn_consumer` — PRC 市场监督管理投诉举报处理暂行办法 (SAMR, 2019): a complaint is accepted or
 *   refused within 7 working days of receipt (第十四条), and mediation ends if no agreement is
 *   reached within 45 working days of acceptance (第二十一条). A 12315 referral: acknowledge
 *   (accept or refuse) within 7 working days, resolve within 45 working days.
 */
export const POLICY_PRESETS: Record<PolicyPresetCode, PolicyPreset> = {
  iso10002: {
    name: 'ISO 10002',
    targets: {
      acknowledge: { unit: 'working_days', amount: 1 },
      firstResponse: null,
      keepInLoop: { unit: 'working_minutes', amount: 960 },
      resolve: { unit: 'working_days', amount: 10 },
    },
    regulatory: null,
    pauseStatuses: ['waiting_on_customer'],
    warnPercents: [50, 80],
  },
  fca_disp: {
    name: 'UK FCA DISP',
    targets: {
      acknowledge: { unit: 'working_days', amount: 1 },
      firstResponse: { unit: 'working_days', amount: 3 },
      keepInLoop: null,
      resolve: null,
    },
    regulatory: { days: 56, label: 'FCA DISP 1.6.2R: final response within eight weeks' },
    pauseStatuses: [],
    warnPercents: [50, 80],
  },
  cfpb: {
    name: 'US CFPB',
    targets: {
      acknowledge: null,
      firstResponse: { unit: 'calendar_days', amount: 15 },
      keepInLoop: null,
      resolve: null,
    },
    regulatory: { days: 60, label: 'CFPB: final response within 60 days' },
    pauseStatuses: [],
    warnPercents: [50, 80],
  },
  cn_consumer: {
    name: '中国 消费者投诉（12315）',
    targets: {
      acknowledge: { unit: 'working_days', amount: 7 },
      firstResponse: null,
      keepInLoop: null,
      resolve: { unit: 'working_days', amount: 45 },
    },
    regulatory: null,
    pauseStatuses: ['waiting_on_customer'],
    warnPercents: [50, 80],
  },
};
