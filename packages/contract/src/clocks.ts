import { Type, type Static } from 'typebox';

/** What a service clock times. Task, commitment and escalation clocks have one per subject. */
export const ClockKinds = [
  'acknowledge',
  'first_response',
  'keep_in_loop',
  'resolve',
  'regulatory',
  'task',
  'commitment',
  'escalation',
] as const;
export type ClockKind = (typeof ClockKinds)[number];
