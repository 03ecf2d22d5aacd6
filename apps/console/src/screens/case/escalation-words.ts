import type { EscalationDto, EscalationSignal } from '@redress/contract';

/** A risk signal heard in the customer's words and the words themselves. */
export interface HeardWords {
  signal: EscalationSignal;
  cue: string;
}

/**
 * The customer's words behind an escalation that a trigger raised, taken from the escalation's
 * summary (which carries each signal with its words). A `safety` trigger shows the words of the
 * safety signal; a `signal` trigger those of the signals its reason names. The reason itself is
 * the server's English and is never shown for a trigger: it is only read to tell which of the
 * summary's signals fired. Any other trigger, or a person's escalation, has no such words.
 */
export const heardWords = (escalation: EscalationDto): HeardWords[] => {
  const heard = escalation.summary.customerWants.signals;
  switch (escalation.trigger) {
    case 'safety':
      return heard.filter((match) => match.signal === 'safety_risk');
    case 'signal': {
      const reason = escalation.reason ?? '';
      return heard.filter((match) => reason.includes(`${match.signal} (`));
    }
    default:
      return [];
  }
};

/**
 * What to show under an escalation: a person's reason as they wrote it; for a trigger, no text
 * (the trigger is said in words, and `heardWords` gives the customer's words when there are any).
 */
export const writtenReason = (escalation: EscalationDto): string | null =>
  escalation.trigger === 'manual' ? escalation.reason : null;
