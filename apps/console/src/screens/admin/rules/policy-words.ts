import type { PolicyDto, TargetDto } from '@redress/contract';
import type { Translate } from './rules-ui.tsx';

type T = Translate;

/** The four targets a policy sets, in the order a case meets them. */
export const TARGET_KEYS = ['acknowledge', 'firstResponse', 'keepInLoop', 'resolve'] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

/**
 * A target for people: "4 working hours", "1 hr 30 min of working time", "2 working days",
 * "14 calendar days". Working minutes read as hours when they are whole hours.
 */
export const targetInWords = (t: T, target: TargetDto): string => {
  if (target.unit === 'working_days') return t('rules.targets.workingDays', { count: target.amount });
  if (target.unit === 'calendar_days') return t('rules.targets.calendarDays', { count: target.amount });
  const hours = Math.floor(target.amount / 60);
  const minutes = target.amount % 60;
  if (hours === 0) return t('rules.targets.workingMinutes', { count: minutes });
  if (minutes === 0) return t('rules.targets.workingHours', { count: hours });
  return t('rules.targets.workingHoursMinutes', { hours, minutes });
};

/** How the form asks for a target: hours are entered as such and sent as working minutes. */
export const FORM_UNITS = ['off', 'working_hours', 'working_minutes', 'working_days', 'calendar_days'] as const;
export type FormUnit = (typeof FORM_UNITS)[number];

export interface TargetInput {
  unit: FormUnit;
  amount: string;
}

export const targetToInput = (target: TargetDto | null): TargetInput => {
  if (!target) return { unit: 'off', amount: '' };
  if (target.unit === 'working_minutes' && target.amount % 60 === 0) {
    return { unit: 'working_hours', amount: String(target.amount / 60) };
  }
  return { unit: target.unit, amount: String(target.amount) };
};

/**
 * The target to send, or null for "no target". An amount that is not a number is sent as null so
 * the server names the field; hours become whole working minutes.
 */
export const inputToTarget = (input: TargetInput): TargetDto | null => {
  if (input.unit === 'off') return null;
  const amount = Number(input.amount.trim().replace(',', '.'));
  const valid = input.amount.trim() !== '' && Number.isFinite(amount);
  if (input.unit === 'working_hours') {
    return { unit: 'working_minutes', amount: valid ? Math.round(amount * 60) : (null as unknown as number) };
  }
  return { unit: input.unit, amount: valid ? amount : (null as unknown as number) };
};

/** Every target a policy sets, in words: "Acknowledge: 4 working hours · Resolve: 10 working days". */
export const targetsInWords = (t: T, targets: PolicyDto['targets']): string[] =>
  TARGET_KEYS.flatMap((key) => {
    const target = targets[key];
    return target
      ? [t('rules.targets.named', { target: t(`rules.targets.kinds.${key}`), time: targetInWords(t, target) })]
      : [];
  });
