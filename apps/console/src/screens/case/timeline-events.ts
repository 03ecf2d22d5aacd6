import {
  CaseChannels,
  CaseStatuses,
  ClockKinds,
  CompensationKinds,
  EscalationTriggers,
  ResolutionKinds,
  type TimelineEntryDto,
} from '@redress/contract';
import type { TFunction } from 'i18next';
import type { CaseVocabulary } from '../agent/vocabulary.ts';

/** What an event says on the timeline: one sentence, and the words it carries (a note, a message…). */
export interface EventWords {
  sentence: string;
  body: string | null;
  /** The body is the customer's own words (risk signals may be marked in it). */
  customerWords: boolean;
}

export interface EventContext {
  t: TFunction;
  vocab: CaseVocabulary;
  nameOf: (userId: string) => string;
  formatDateTime: (iso: string) => string;
  levelLabel: (rank: number) => string;
}

const str = (data: Record<string, unknown>, key: string): string | null => {
  const value = data[key];
  return typeof value === 'string' && value !== '' ? value : null;
};
const num = (data: Record<string, unknown>, key: string): number | null => {
  const value = data[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};
const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;

const FIELDS = [
  'subject',
  'categoryId',
  'severity',
  'safety',
  'priority',
  'expectedRemedy',
  'productRef',
  'orderRef',
  'language',
  'tags',
] as const;

/**
 * Reasons the server writes itself, in English, when it moves a case on its own (an internal task
 * sent, every task answered, a poor survey answer), by the words' key in `case.timeline.statusReason`.
 */
const SYSTEM_REASONS: Readonly<Record<string, 'waitingOnTask' | 'tasksAnswered' | 'poorSurvey'>> = {
  'internal task': 'waitingOnTask',
  'internal tasks answered': 'tasksAnswered',
  'poor survey answer': 'poorSurvey',
};

/**
 * Why the status changed, for the reader: a reason the server wrote in words of the reader's
 * language; a reason typed by a member of staff as written; any other text from no staff member
 * (the system, a customer) not at all, since it is the server's English.
 */
const statusReason = (entry: TimelineEntryDto, reason: string | null, t: TFunction): string | null => {
  if (reason === null) return null;
  const known = Object.hasOwn(SYSTEM_REASONS, reason) ? SYSTEM_REASONS[reason] : undefined;
  if (known) return t(`case.timeline.statusReason.${known}`);
  return entry.actorId ? reason : null;
};

/** The value the server writes as a call's counterpart when the caller gave no other name. */
const CUSTOMER_COUNTERPART = 'customer';

/**
 * Each event type in a sentence in the reader's language. A type this console does not know yet
 * (the catalogue only grows) reads as a generic "recorded: <type>", so nothing is hidden.
 */
export const describeEvent = (
  entry: TimelineEntryDto,
  { t, vocab, nameOf, formatDateTime, levelLabel }: EventContext,
): EventWords => {
  const d = entry.data;
  const words = (sentence: string, body: string | null = null, customerWords = false): EventWords => ({
    sentence,
    body,
    customerWords,
  });
  const channel = oneOf(CaseChannels, str(d, 'channel'));
  const channelWord = channel ? vocab.channel(channel) : '';
  const status = (key: string) => {
    const value = oneOf(CaseStatuses, str(d, key));
    return value ? vocab.status(value) : (str(d, key) ?? '');
  };
  const clockKind = oneOf(ClockKinds, str(d, 'kind'));
  const clock = clockKind ? t(`case.clocks.kind.${clockKind}`) : '';
  const compKind = oneOf(CompensationKinds, str(d, 'kind'));
  const due = (key: string) => {
    const value = str(d, key);
    return value ? formatDateTime(value) : '';
  };

  switch (entry.type) {
    case 'case.created':
      return words(t('case.timeline.created', { channel: channelWord }));
    case 'case.status_changed':
      return words(
        t('case.timeline.statusChanged', { from: status('from'), to: status('to') }),
        statusReason(entry, str(d, 'reason'), t),
      );
    case 'case.field_changed': {
      const field = oneOf(FIELDS, str(d, 'field'));
      return words(
        t('case.timeline.fieldChanged', { field: field ? t(`case.timeline.field.${field}`) : (str(d, 'field') ?? '') }),
      );
    }
    case 'case.handed_off': {
      const to = str(d, 'toUserId');
      return words(t('case.timeline.handedOff', { name: to ? nameOf(to) : '' }), str(d, 'summary'));
    }
    case 'case.note_added':
      return words(t('case.timeline.noteAdded'), str(d, 'body'));
    case 'case.message_recorded':
      return str(d, 'direction') === 'outbound'
        ? words(t('case.timeline.messageOut', { channel: channelWord }), str(d, 'body'))
        : words(t('case.timeline.messageIn', { channel: channelWord }), str(d, 'body'), true);
    case 'case.call_logged': {
      const minutes = Math.max(1, Math.round((num(d, 'durationSeconds') ?? 0) / 60));
      const counterpart = str(d, 'counterpart');
      const sentence =
        counterpart === CUSTOMER_COUNTERPART
          ? t('case.timeline.callWithCustomer', { minutes })
          : counterpart
            ? t('case.timeline.callWith', { name: counterpart, minutes })
            : t('case.timeline.call', { minutes });
      return words(sentence, [str(d, 'outcome'), str(d, 'summary')].filter(Boolean).join('\n') || null);
    }
    case 'case.key_person_added':
      return words(t('case.timeline.keyPersonAdded', { name: str(d, 'name') ?? nameOf(str(d, 'userId') ?? '') }));
    case 'case.linked':
      return words(t('case.timeline.linked', { ref: str(d, 'ref') ?? '' }));
    case 'case.merged':
      return words(t('case.timeline.merged'));
    case 'case.duplicate_merged':
      return words(t('case.timeline.duplicateMerged', { ref: str(d, 'ref') ?? '' }));
    case 'case.resolution_recorded': {
      const kind = oneOf(ResolutionKinds, str(d, 'kind'));
      return words(
        t('case.timeline.resolutionRecorded', { kind: kind ? t(`case.resolution.kind.${kind}`) : '' }),
        str(d, 'text'),
      );
    }
    case 'case.customer_decision_recorded':
      return words(
        d.accepted === true ? t('case.timeline.decisionAccepted') : t('case.timeline.decisionRejected'),
        str(d, 'note'),
      );
    case 'case.task_created': {
      const userId = str(d, 'userId');
      return words(
        t('case.timeline.taskCreated', { due: due('dueAt') }),
        str(d, 'question') ?? (userId ? nameOf(userId) : null),
      );
    }
    case 'case.task_answered':
      return words(t('case.timeline.taskAnswered'), str(d, 'answer'));
    case 'case.task_reassigned':
      return words(t('case.timeline.taskReassigned'), str(d, 'reason'));
    case 'clock.started':
      return words(t('case.timeline.clockStarted', { clock, due: due('dueAt') }));
    case 'clock.warned':
      return words(t('case.timeline.clockWarned', { clock }));
    case 'clock.breached':
      return words(t('case.timeline.clockBreached', { clock }));
    case 'clock.met':
      return words(
        d.late === true ? t('case.timeline.clockMetLate', { clock }) : t('case.timeline.clockMet', { clock }),
      );
    case 'commitment.made':
      return words(t('case.timeline.commitmentMade', { due: due('dueAt') }), str(d, 'text'));
    case 'commitment.at_risk':
      return words(t('case.timeline.commitmentAtRisk', { due: due('dueAt') }), str(d, 'text'));
    case 'commitment.kept':
      return words(t('case.timeline.commitmentKept'), str(d, 'text'));
    case 'commitment.broken':
      return words(
        t('case.timeline.commitmentBroken'),
        [str(d, 'text'), str(d, 'reason')].filter(Boolean).join('\n') || null,
      );
    case 'commitment.renegotiated':
      return words(t('case.timeline.commitmentRenegotiated', { due: due('newDueAt') }), str(d, 'reason'));
    case 'case.escalated': {
      const level = levelLabel(num(d, 'toRank') ?? 0);
      const trigger = oneOf(EscalationTriggers, str(d, 'trigger'));
      return words(
        trigger
          ? t('case.timeline.escalatedBy', { level, trigger: t(`case.escalation.trigger.${trigger}`) })
          : t('case.timeline.escalated', { level }),
      );
    }
    case 'case.de_escalated':
      return words(t('case.timeline.deEscalated', { level: levelLabel(num(d, 'toRank') ?? 0) }));
    case 'escalation.acknowledged':
      return words(t('case.timeline.escalationTaken', { level: levelLabel(num(d, 'toRank') ?? 0) }));
    case 'compensation.proposed':
      return words(
        t('case.timeline.compensationProposed', { kind: compKind ? t(`case.compensation.kind.${compKind}`) : '' }),
      );
    case 'compensation.approved':
      return words(t('case.timeline.compensationApproved'));
    case 'compensation.rejected':
      return words(t('case.timeline.compensationRejected'), str(d, 'note'));
    case 'compensation.customer_responded':
      return words(
        d.accepted === true ? t('case.timeline.compensationAccepted') : t('case.timeline.compensationDeclined'),
        str(d, 'note'),
      );
    case 'compensation.delivered':
      return words(t('case.timeline.compensationDelivered'));
    case 'email.received':
      return words(t('case.timeline.emailReceived'));
    case 'email.queued':
      return words(t('case.timeline.emailQueued'));
    case 'email.sent':
      return words(t('case.timeline.emailSent'));
    case 'email.failed':
      return words(t('case.timeline.emailFailed'));
    case 'followup.scheduled':
      return words(t('case.timeline.followupScheduled'));
    case 'followup.sent':
      return words(t('case.timeline.followupSent'));
    case 'followup.cancelled':
      return words(t('case.timeline.followupCancelled'));
    case 'survey.answered':
      return words(t('case.timeline.surveyAnswered', { score: num(d, 'score') ?? 0 }));
    case 'portal.link_requested':
      return words(t('case.timeline.portalLink'));
    case 'attachment.added':
      return words(t('case.timeline.attachmentAdded', { name: str(d, 'filename') ?? '' }));
    default:
      return words(t('case.timeline.other', { type: entry.type }));
  }
};
