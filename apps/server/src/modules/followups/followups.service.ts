import type { FollowUpSettings, SurveyAnswerBody, SurveyChannel, SurveyStatus } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, systemContext, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { appendCaseEvents, loadVisibleCase, transition, TRANSITIONS, type Case } from '../cases/index.ts';
import { trackDueItem } from '../clocks/index.ts';
import type { Task } from '../tasks/index.ts';
import {
  addMinutes,
  answerOf,
  CALL_TASK_HOURS,
  callQuestion,
  cancelFollowUp,
  FOLLOWUP_SETTINGS_KEY,
  markSent,
  newSurvey,
  problemLine,
  readFollowUpSettings,
  remedySettled,
  scheduleOnResolution,
  surveyStatusAt,
  type CancelReason,
  type FollowUp,
  type FollowUpChange,
  type Survey,
} from './followup.ts';
import type { FollowUpStore } from './followups.repository.ts';

export interface FollowUpServiceDeps {
  readonly store: UnitOfWork<FollowUpStore>;
  readonly clock: Clock;
}

/** A case event as the follow-up job hands it over. */
export interface FollowUpEvent {
  readonly eventId: string;
  readonly seq: number;
  readonly type: string;
  readonly subjectType: string;
  readonly subjectId: string;
  /** ISO-8601 UTC. */
  readonly occurredAt: string;
  readonly payload: Record<string, unknown>;
}

/** The case event types the follow-up job reacts to. */
export const FOLLOWUP_EVENTS: readonly string[] = [
  'case.status_changed',
  'case.message_recorded',
  'case.call_logged',
  'compensation.delivered',
  'compensation.customer_responded',
];

/** What the portal needs of a survey (the portal module's `PortalSurveyView`). */
export interface SurveyView {
  readonly id: string;
  readonly caseId: string;
  readonly ref: string;
  readonly language: string;
  readonly status: SurveyStatus;
  /** The problem in one line, in the customer's own words (as the follow-up restated it). */
  readonly problem: string;
  readonly expiresAt: Date;
}

const SYSTEM = 'followups';
const SWEEP_BATCH = 100;
const SWEEP_MAX_BATCHES = 50;

const surveyNotFound = (): AppError => new AppError(ErrorCode.NotFound, 'No such survey');

/** The problem in one line, from the case as it stands. */
const problemOf = (c: Case): string => problemLine(c.subject, c.description);

/**
 * Follow-ups after resolution and the surveys they carry (articles 001, 003). Scheduling reacts to
 * case events (one job per event, idempotent); a sweep every minute sends what is due, each
 * follow-up once however many sweepers run; the e-mail itself is the correspondence module's
 * reaction to `followup.sent`.
 */
export const createFollowUpService = ({ store, clock }: FollowUpServiceDeps) => {
  const settingsIn = async (port: FollowUpStore): Promise<FollowUpSettings> =>
    readFollowUpSettings(await port.followups.readSetting(FOLLOWUP_SETTINGS_KEY));

  const getSettings = async (ctx: Context): Promise<FollowUpSettings> => {
    requirePermission(ctx.actor, 'config:read');
    return settingsIn(store.read);
  };

  const saveSettings = async (ctx: Context, input: FollowUpSettings): Promise<FollowUpSettings> => {
    requirePermission(ctx.actor, 'config:manage');
    const now = clock.now();
    const value = readFollowUpSettings(input);
    await store.write(async ({ cases, followups }) => {
      await followups.saveSetting(FOLLOWUP_SETTINGS_KEY, value, actorId(ctx.actor), now);
      await cases.appendEvent({
        type: 'org_setting.saved',
        subjectType: 'org_setting',
        subjectId: FOLLOWUP_SETTINGS_KEY,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: { key: FOLLOWUP_SETTINGS_KEY, value },
        occurredAt: now,
      });
    });
    return value;
  };

  const append = (port: FollowUpStore, ctx: Context, caseId: string, events: FollowUpChange[], now: Date) =>
    appendCaseEvents(port.cases, ctx, caseId, events, now);

  /** Schedules the follow-up for a resolution (once per resolution event). */
  const scheduleFor = async (event: FollowUpEvent): Promise<FollowUp | null> => {
    const now = clock.now();
    const sys = systemContext(SYSTEM);
    return store.write(async (port) => {
      const settings = await settingsIn(port);
      if (!settings.enabled) return null;
      const current = await port.cases.findCase(event.subjectId);
      if (!current || current.mergedIntoId || (current.status !== 'resolved' && current.status !== 'closed')) {
        return null;
      }
      // One follow-up at a time; and none when the customer has already spoken since the resolution.
      if ((await port.followups.pendingForCase(current.id)).length > 0) return null;
      if (await port.followups.customerSpokeAfter(current.id, event.seq)) return null;
      const [customer, remedies] = await Promise.all([
        port.followups.customerOf(current.id),
        port.followups.remediesOf(current.id),
      ]);
      const scheduled = scheduleOnResolution(
        {
          id: newId('fup', now),
          caseId: current.id,
          channel: current.channel,
          hasEmail: customer?.hasEmail ?? false,
          resolvedAt: new Date(event.occurredAt),
          remedies,
          sourceEventId: event.eventId,
        },
        settings,
        now,
      );
      if (!(await port.followups.insertFollowUp(scheduled.followUp))) return null;
      await append(port, sys, current.id, scheduled.events, now);
      return scheduled.followUp;
    });
  };

  /** Cancels the case's pending follow-ups: the customer spoke first, or the case was reopened. */
  const cancelFor = async (caseId: string, reason: CancelReason): Promise<number> => {
    const now = clock.now();
    return store.write(async (port) => {
      let cancelled = 0;
      for (const pending of await port.followups.pendingForCase(caseId)) {
        const change = cancelFollowUp(pending, reason, now);
        if (!change || !(await port.followups.saveFollowUp(change.followUp, pending.status))) continue;
        await append(port, systemContext(SYSTEM), caseId, change.events, now);
        cancelled += 1;
      }
      return cancelled;
    });
  };

  /** A remedy was delivered or declined: the follow-up waiting for it is scheduled (or waits for the next). */
  const remedyChanged = async (
    caseId: string,
    compensationId: string,
    outcome: { deliveredAt: Date } | 'declined',
  ): Promise<void> => {
    const now = clock.now();
    await store.write(async (port) => {
      const settings = await settingsIn(port);
      const remedies = await port.followups.remediesOf(caseId);
      for (const pending of await port.followups.pendingForCase(caseId)) {
        const change = remedySettled(pending, compensationId, outcome, remedies, settings, now);
        if (!change || !(await port.followups.saveFollowUp(change.followUp, pending.status))) continue;
        await append(port, systemContext(SYSTEM), caseId, change.events, now);
      }
    });
  };

  /** The follow-up job: one case event in, at most one change out. Idempotent per event. */
  const onCaseEvent = async (event: FollowUpEvent): Promise<void> => {
    if (event.subjectType !== 'case') return;
    const p = event.payload;
    switch (event.type) {
      case 'case.status_changed':
        if (p.to === 'resolved') await scheduleFor(event);
        else if (p.action === 'reopen') await cancelFor(event.subjectId, 'case_reopened');
        return;
      case 'case.message_recorded':
        if (p.direction === 'inbound') await cancelFor(event.subjectId, 'customer_wrote');
        return;
      case 'case.call_logged':
        if (p.direction === 'inbound') await cancelFor(event.subjectId, 'customer_called');
        return;
      case 'compensation.delivered': {
        const deliveredAt = typeof p.deliveredAt === 'string' ? new Date(p.deliveredAt) : null;
        if (typeof p.compensationId === 'string' && deliveredAt && !Number.isNaN(deliveredAt.getTime())) {
          await remedyChanged(event.subjectId, p.compensationId, { deliveredAt });
        }
        return;
      }
      case 'compensation.customer_responded':
        if (p.accepted === false && typeof p.compensationId === 'string') {
          await remedyChanged(event.subjectId, p.compensationId, 'declined');
        }
        return;
      default:
        return;
    }
  };

  /**
   * Sends one due follow-up: the survey row, `followup.sent` (the correspondence module e-mails it)
   * and, for a call plan, a phone-call task for the case owner. The conditional `scheduled → sent`
   * update decides who sends it, so a second sweeper (or a rerun after a crash) sends nothing.
   */
  const sendOne = async (id: string): Promise<boolean> => {
    const now = clock.now();
    const sys = systemContext(SYSTEM);
    return store.write(async (port) => {
      const current = await port.followups.findFollowUp(id);
      if (!current || current.status !== 'scheduled' || !current.dueAt || current.dueAt > now) return false;
      const caseRecord = await port.cases.findCase(current.caseId);
      if (!caseRecord || (caseRecord.status !== 'resolved' && caseRecord.status !== 'closed')) {
        // Reopened without the cancellation having run yet: the case is being worked again.
        const change = cancelFollowUp(current, 'case_reopened', now);
        if (change && (await port.followups.saveFollowUp(change.followUp, 'scheduled')) && caseRecord) {
          await append(port, sys, caseRecord.id, change.events, now);
        }
        return false;
      }
      const settings = await settingsIn(port);
      const customer = await port.followups.customerOf(caseRecord.id);
      const problem = problemOf(caseRecord);
      const survey = newSurvey(
        {
          id: newId('srv', now),
          caseId: caseRecord.id,
          customerId: customer?.customerId ?? caseRecord.customerId,
          followUpId: current.id,
          language: caseRecord.language ?? customer?.language ?? 'en',
        },
        settings,
        now,
      );
      const sent = markSent(current, survey.id, problem, now);
      if (!(await port.followups.saveFollowUp(sent.followUp, 'scheduled'))) return false;
      await port.followups.insertSurvey(survey);
      const events: FollowUpChange[] = [...sent.events];
      if (current.plan !== 'email') {
        const task: Task = {
          id: newId('task', now),
          caseId: caseRecord.id,
          assigneeTeamId: null,
          assigneeUserId: caseRecord.ownerId,
          question: callQuestion(survey.language, problem),
          dueAt: addMinutes(now, CALL_TASK_HOURS * 60),
          status: 'open',
          answer: null,
          answeredBy: null,
          answeredAt: null,
          createdBy: null,
          createdAt: now,
        };
        await port.tasks.insertTask(task);
        await trackDueItem(
          port.cases.clocks,
          { caseId: caseRecord.id, kind: 'task', subjectId: task.id, startedAt: now, dueAt: task.dueAt },
          now,
        );
        events.push({
          type: 'case.task_created',
          payload: {
            taskId: task.id,
            teamId: null,
            userId: task.assigneeUserId,
            question: task.question,
            dueAt: task.dueAt.toISOString(),
            followUpId: current.id,
          },
        });
      }
      await append(port, sys, caseRecord.id, events, now);
      return true;
    });
  };

  /** The minute sweep: sends every follow-up due by now, in batches. */
  const sweep = async (): Promise<{ sent: number; examined: number }> => {
    let sent = 0;
    let examined = 0;
    for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch += 1) {
      const due = await store.read.followups.due(clock.now(), SWEEP_BATCH);
      let progressed = 0;
      for (const followUp of due) {
        examined += 1;
        if (await sendOne(followUp.id)) sent += 1;
        progressed += 1;
      }
      if (due.length < SWEEP_BATCH || progressed === 0) break;
    }
    return { sent, examined };
  };

  /**
   * Records the customer's answer, once (`conflict` after). A poor answer (score ≤ 2 or not solved)
   * reopens a resolved or closed case in the same transaction, as the system; `survey.answered`
   * feeds the escalation trigger `poor_survey`. The portal calls this as the system after checking
   * the survey link; a signed-in user needs `case:update` on the survey's case.
   */
  const answerSurvey = async (
    ctx: Context,
    surveyId: string,
    body: SurveyAnswerBody,
    via: SurveyChannel,
  ): Promise<Survey> => {
    if (ctx.actor.kind === 'anonymous') throw surveyNotFound();
    if (ctx.actor.kind === 'user') requirePermission(ctx.actor, 'case:update');
    const now = clock.now();
    return store.write(async (port) => {
      const current = await port.followups.findSurvey(surveyId, true);
      if (!current) throw surveyNotFound();
      const caseRecord = await loadVisibleCase(port.cases, ctx, current.caseId, true);
      const answered = answerOf(current, body, via, actorId(ctx.actor), now);
      if (!(await port.followups.saveAnswer(answered.survey))) {
        throw new AppError(ErrorCode.Conflict, 'This survey has already been answered');
      }
      const reopen =
        answered.poor && !caseRecord.mergedIntoId && TRANSITIONS.reopen.from.includes(caseRecord.status)
          ? transition(caseRecord, 'reopen', { reason: 'poor survey answer' }, now)
          : null;
      // The answer first, saying whether it reopened the case: the escalation triggers weigh the
      // two together on the answer's event (the reopen names the survey so it is not counted twice).
      await append(
        port,
        ctx,
        caseRecord.id,
        answered.events.map((e) => ({ ...e, payload: { ...e.payload, reopened: reopen !== null } })),
        now,
      );
      if (reopen) {
        await port.cases.saveCase(reopen.case);
        const events = reopen.events.map((e) =>
          e.type === 'case.status_changed' ? { ...e, payload: { ...e.payload, surveyId: current.id } } : e,
        );
        await append(port, systemContext(SYSTEM), caseRecord.id, events, now);
      }
      return answered.survey;
    });
  };

  /** An agent records an answer given on the phone, on a survey of a case they can work. */
  const recordPhoneAnswer = async (
    ctx: Context,
    caseId: string,
    surveyId: string,
    body: SurveyAnswerBody,
  ): Promise<Survey> => {
    requirePermission(ctx.actor, 'case:update');
    const survey = await store.read.followups.findSurvey(surveyId);
    if (!survey || survey.caseId !== caseId) {
      await loadVisibleCase(store.read.cases, ctx, caseId);
      throw surveyNotFound();
    }
    return answerSurvey(ctx, surveyId, body, 'phone');
  };

  const listFollowUps = async (ctx: Context, caseId: string): Promise<FollowUp[]> => {
    requirePermission(ctx.actor, 'case:read');
    await loadVisibleCase(store.read.cases, ctx, caseId);
    return store.read.followups.listForCase(caseId);
  };

  /** The case's surveys, each with its status as of now (an open one past its time reads expired). */
  const listSurveys = async (ctx: Context, caseId: string): Promise<Survey[]> => {
    requirePermission(ctx.actor, 'case:read');
    await loadVisibleCase(store.read.cases, ctx, caseId);
    const now = clock.now();
    return (await store.read.followups.listSurveys(caseId)).map((s) => ({ ...s, status: surveyStatusAt(s, now) }));
  };

  /**
   * One survey for the portal (which has checked the survey link): reference, language, the
   * problem in one line and the status as of now. Undefined when there is no such survey.
   */
  const getSurvey = async (surveyId: string): Promise<SurveyView | undefined> => {
    const survey = await store.read.followups.findSurvey(surveyId);
    if (!survey) return undefined;
    const caseRecord = await store.read.cases.findCase(survey.caseId);
    if (!caseRecord) return undefined;
    return {
      id: survey.id,
      caseId: survey.caseId,
      ref: caseRecord.ref,
      language: survey.language,
      status: surveyStatusAt(survey, clock.now()),
      problem: problemOf(caseRecord),
      expiresAt: survey.expiresAt,
    };
  };

  /** The case's newest survey as the portal shows it, or undefined. */
  const surveyForCase = async (caseId: string): Promise<SurveyView | undefined> => {
    const surveys = await store.read.followups.listSurveys(caseId);
    const newest = surveys.at(-1);
    return newest ? getSurvey(newest.id) : undefined;
  };

  return {
    getSettings,
    saveSettings,
    onCaseEvent,
    sweep,
    answerSurvey,
    recordPhoneAnswer,
    listFollowUps,
    listSurveys,
    getSurvey,
    surveyForCase,
  };
};

export type FollowUpService = ReturnType<typeof createFollowUpService>;
