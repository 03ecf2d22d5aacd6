import type { JobDefinition } from '../../jobs/index.ts';
import { defineJob, EventJobPayload } from '../../jobs/index.ts';
import { systemContext } from '../../shared/unit-of-work.ts';
import type { EscalationService } from './escalation.service.ts';

export const ESCALATION_TRIGGER_JOB = 'escalation.triggers';

/** Case events a trigger may fire on. */
export const ESCALATION_TRIGGER_EVENTS = [
  'case.created',
  'case.message_recorded',
  'case.call_logged',
  'case.status_changed',
  'case.field_changed',
  'clock.warned',
  'clock.breached',
  'compensation.proposed',
  'compensation.customer_responded',
  'survey.answered',
] as const;

/**
 * Evaluates the triggers for each such event and escalates as the system; a case closing
 * supersedes its waiting escalations. Running it twice for one event escalates once: the
 * escalation row remembers the event (unique). Counts are taken as of the event's `seq`.
 */
export const escalationTriggerJob = (escalation: Pick<EscalationService, 'escalateFromEvent'>): JobDefinition =>
  defineJob({
    name: ESCALATION_TRIGGER_JOB,
    schema: EventJobPayload,
    subscribesTo: ESCALATION_TRIGGER_EVENTS,
    async handler(event, context) {
      const raised = await escalation.escalateFromEvent(systemContext(ESCALATION_TRIGGER_JOB), {
        eventId: event.eventId,
        seq: event.seq,
        type: event.type,
        subjectType: event.subjectType,
        subjectId: event.subjectId,
        payload: (event.payload ?? {}) as Record<string, unknown>,
      });
      if (raised) context.logger.info({ caseId: raised.caseId, toRank: raised.toRank }, 'case escalated by trigger');
    },
  });
