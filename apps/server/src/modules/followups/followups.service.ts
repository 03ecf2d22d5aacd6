import type { FollowUpSettings, SurveyAnswerBody, SurveyChannel, SurveyStatus } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode, isAppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, systemContext, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { appendCaseEvents, loadVisibleCase, transition, TRANSITIONS, type Case } from '../cases/index.ts';
import { trackDueItem } from '../clocks/index.ts';
import type { Task } from '../tasks/index.ts';
import {
  answerOf,
  CALL_TASK_WORKING_MINUTES,
  callQuestion,
  cancelFollowUp,
  FOLLOWUP_SETTINGS_KEY,
  markSent,
  newSurvey,
  planFor,
  problemLine,
  readFollowUpSettings,
  remedySettled,
  remedyWaitOver,
  scheduleOnResolution,
  surveyLanguage,
  surveyStatusAt,
  type CancelReason,
  type FollowUp,
  type FollowUpChange,
  type FollowUpRules,
  type RemedyOutcome,
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
  'case.merged',
  'case.message_recorded',
  'case.call_logged',
  'compensation.delivered',
  'compensation.customer_responded',
  'compensation.rejected',
];

/** A follow-up the sweep could not send (the error's code or name only: no personal data). */
export interface SweepFailure {
  readonly followUpId: string;
  readonly error: string;
}

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

const isResolved = (c: Case): boolean => c.status === 'resolved' || c.status === 'closed';

/** The case row, locked for the rest of the unit of work (PostgreSQL); undefined when there is none. */
const lockCase = async (port: FollowUpStore, caseId: string): Promise<Case | undefined> => {
  try {
    return await loadVisibleCase(port.cases, systemContext(SYSTEM), caseId, true);
  } catch (error) {
    if (isAppError(error) && error.code === ErrorCode.NotFound) return undefined;
    throw error;
  }
};

/** What a thrown error may say in a log: its code or name, never its message (which may quote data). */
const errorLabel = (error: unknown): string =>
  isAppError(error) ? error.code : error instanceof Error ? error.name : typeof error;

/**
 * Follow-ups after resolution and the surveys they carry (articles 001, 003). Scheduling reacts to
 * case events (one job per event, idempotent); a sweep every minute sends what is due, each
 * follow-up once however many sweepers run; the e-mail itself is the correspondence module's
 * reaction to `followup.sent`.
 */
export const createFollowUpService = ({ store, clock }: FollowUpServiceDeps) => {
  const settingsIn = async (port: FollowUpStore): Promise<FollowUpRules> =>
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

  /**
   * Schedules the follow-up for a resolution (once per resolution event). Jobs may run in any
   * order, so the resolution's sequence number decides: nothing when the customer wrote or called,
   * or the case moved, after this resolution (a later event has its say); nothing when a follow-up
   * of this or a later resolution is pending; a pending one of an earlier resolution (whose reopen
   * has not been heard yet) is replaced. The case's open surveys ask about an earlier resolution:
   * they expire, so an old link cannot reopen the case resolved anew.
   */
  const scheduleFor = async (event: FollowUpEvent): Promise<FollowUp | null> => {
    const now = clock.now();
    const sys = systemContext(SYSTEM);
    return store.write(async (port) => {
      const settings = await settingsIn(port);
      if (!settings.enabled) return null;
      const current = await lockCase(port, event.subjectId);
      if (!current || current.mergedIntoId || !isResolved(current)) return null;
      if (await port.followups.activityAfter(current.id, event.seq)) return null;
      const pending = await port.followups.pendingForCase(current.id);
      if (pending.some((f) => f.sourceSeq >= event.seq)) return null;
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
          sourceSeq: event.seq,
        },
        settings,
        now,
      );
      if (!(await port.followups.insertFollowUp(scheduled.followUp))) return null;
      const events: FollowUpChange[] = [];
      for (const older of pending) {
        const change = cancelFollowUp(older, 'superseded', now, event.seq);
        if (change && (await port.followups.saveFollowUp(change.followUp, older.status))) events.push(...change.events);
      }
      await port.followups.expireOpenSurveys(current.id);
      await append(port, sys, current.id, [...events, ...scheduled.events], now);
      return scheduled.followUp;
    });
  };

  /**
   * Cancels the case's pending follow-ups scheduled by an event older than the cancelling one
   * (`seq`): the customer spoke first, or the case was reopened or merged.
   */
  const cancelFor = async (caseId: string, reason: CancelReason, seq: number): Promise<number> => {
    const now = clock.now();
    return store.write(async (port) => {
      if (!(await lockCase(port, caseId))) return 0;
      let cancelled = 0;
      for (const pending of await port.followups.pendingForCase(caseId)) {
        const change = cancelFollowUp(pending, reason, now, seq);
        if (!change || !(await port.followups.saveFollowUp(change.followUp, pending.status))) continue;
        await append(port, systemContext(SYSTEM), caseId, change.events, now);
        cancelled += 1;
      }
      return cancelled;
    });
  };

  /** A remedy was delivered or turned down: the follow-up waiting for it is scheduled (or waits for the next). */
  const remedyChanged = async (caseId: string, compensationId: string, outcome: RemedyOutcome): Promise<void> => {
    const now = clock.now();
    await store.write(async (port) => {
      if (!(await lockCase(port, caseId))) return;
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
    const turnedDown = { delivered: false, at: new Date(event.occurredAt) } as const;
    switch (event.type) {
      case 'case.status_changed':
        if (p.to === 'resolved') await scheduleFor(event);
        else if (p.action === 'reopen') await cancelFor(event.subjectId, 'case_reopened', event.seq);
        return;
      case 'case.merged':
        await cancelFor(event.subjectId, 'case_merged', event.seq);
        return;
      case 'case.message_recorded':
        if (p.direction === 'inbound') await cancelFor(event.subjectId, 'customer_wrote', event.seq);
        return;
      case 'case.call_logged':
        if (p.direction === 'inbound') await cancelFor(event.subjectId, 'customer_called', event.seq);
        return;
      case 'compensation.delivered': {
        const deliveredAt = typeof p.deliveredAt === 'string' ? new Date(p.deliveredAt) : null;
        if (typeof p.compensationId === 'string' && deliveredAt && !Number.isNaN(deliveredAt.getTime())) {
          await remedyChanged(event.subjectId, p.compensationId, { delivered: true, deliveredAt });
        }
        return;
      }
      case 'compensation.customer_responded':
        if (p.accepted === false && typeof p.compensationId === 'string') {
          await remedyChanged(event.subjectId, p.compensationId, turnedDown);
        }
        return;
      case 'compensation.rejected':
        if (typeof p.compensationId === 'string') await remedyChanged(event.subjectId, p.compensationId, turnedDown);
        return;
      default:
        return;
    }
  };

  /**
   * Why a due follow-up must not go out after all, checked inside the sending transaction: the
   * case was merged away or is no longer resolved, follow-ups were turned off, or the customer
   * wrote or called (or the case moved) after the resolution that scheduled it.
   */
  const reasonNotToSend = async (
    port: FollowUpStore,
    followUp: FollowUp,
    caseRecord: Case,
    settings: FollowUpRules,
  ): Promise<CancelReason | undefined> => {
    if (caseRecord.mergedIntoId) return 'case_merged';
    if (!isResolved(caseRecord)) return 'case_reopened';
    if (!settings.enabled) return 'followups_disabled';
    return port.followups.activityAfter(caseRecord.id, followUp.sourceSeq);
  };

  /**
   * Sends one due follow-up: the survey row, `followup.sent` (the correspondence module e-mails it)
   * and, for a call plan, a phone-call task for the case owner. The plan and the language are
   * worked out now, from the customer as merged. The conditional `scheduled → sent` update decides
   * who sends it, so a second sweeper (or a rerun after a crash) sends nothing.
   */
  const sendOne = async (id: string): Promise<boolean> => {
    const now = clock.now();
    const sys = systemContext(SYSTEM);
    return store.write(async (port) => {
      const first = await port.followups.findFollowUp(id);
      if (!first || first.status !== 'scheduled') return false;
      const caseRecord = await lockCase(port, first.caseId);
      // Read again under the case's lock: a sweeper that waited for it sees what the first did.
      const current = await port.followups.findFollowUp(id);
      if (!current || current.status !== 'scheduled' || !current.dueAt || current.dueAt > now) return false;
      if (!caseRecord) return false;
      const settings = await settingsIn(port);
      const reason = await reasonNotToSend(port, current, caseRecord, settings);
      if (reason) {
        const change = cancelFollowUp(current, reason, now);
        if (change && (await port.followups.saveFollowUp(change.followUp, 'scheduled'))) {
          await append(port, sys, caseRecord.id, change.events, now);
        }
        return false;
      }
      const customer = await port.followups.customerOf(caseRecord.id);
      const plan = planFor(caseRecord.channel, customer?.hasEmail ?? false);
      const language = surveyLanguage(customer?.language, caseRecord.language);
      const survey = newSurvey(
        {
          id: newId('srv', now),
          caseId: caseRecord.id,
          customerId: customer?.customerId ?? caseRecord.customerId,
          followUpId: current.id,
          language,
        },
        settings,
        now,
      );
      const sent = markSent(current, { surveyId: survey.id, plan, language }, now);
      if (!(await port.followups.saveFollowUp(sent.followUp, 'scheduled'))) return false;
      // One open survey per case: an older link no longer answers for this resolution.
      await port.followups.expireOpenSurveys(caseRecord.id);
      await port.followups.insertSurvey(survey);
      const events: FollowUpChange[] = [...sent.events];
      if (plan !== 'email') {
        const taskId = newId('task', now);
        // The owner has one working day of the case's calendar (its policy's), like any due item.
        const clockRow = await trackDueItem(
          port.cases.clocks,
          {
            caseId: caseRecord.id,
            kind: 'task',
            subjectId: taskId,
            startedAt: now,
            targetMinutes: CALL_TASK_WORKING_MINUTES,
          },
          now,
        );
        const task: Task = {
          id: taskId,
          caseId: caseRecord.id,
          assigneeTeamId: null,
          assigneeUserId: caseRecord.ownerId,
          question: callQuestion(language, caseRecord.ref),
          dueAt: clockRow.dueAt,
          status: 'open',
          answer: null,
          answeredBy: null,
          answeredAt: null,
          createdBy: null,
          createdAt: now,
        };
        await port.tasks.insertTask(task);
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

  /** A follow-up that waited for its remedy as long as it may is scheduled anyway (due at once). */
  const endWait = async (id: string): Promise<boolean> => {
    const now = clock.now();
    return store.write(async (port) => {
      const first = await port.followups.findFollowUp(id);
      if (!first) return false;
      await lockCase(port, first.caseId);
      const current = await port.followups.findFollowUp(id);
      const change = current && remedyWaitOver(current, now);
      if (!current || !change || !(await port.followups.saveFollowUp(change.followUp, 'waiting_remedy'))) return false;
      await append(port, systemContext(SYSTEM), current.caseId, change.events, now);
      return true;
    });
  };

  /**
   * The minute sweep: follow-ups that waited for a remedy as long as they may are scheduled, then
   * every follow-up due by now is sent, in batches. One that fails is left for the next sweep and
   * reported (its id and the error's code), and the others still go.
   */
  const sweep = async (): Promise<{ sent: number; examined: number; failed: SweepFailure[] }> => {
    let sent = 0;
    let examined = 0;
    const failed: SweepFailure[] = [];
    const attempt = async (followUpId: string, work: () => Promise<boolean>): Promise<boolean> => {
      try {
        return await work();
      } catch (error) {
        failed.push({ followUpId, error: errorLabel(error) });
        return false;
      }
    };
    for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch += 1) {
      const waiting = await store.read.followups.waitOver(clock.now(), SWEEP_BATCH);
      for (const followUp of waiting) await attempt(followUp.id, () => endWait(followUp.id));
      if (waiting.length < SWEEP_BATCH) break;
    }
    let after: { dueAt: Date; id: string } | undefined;
    for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch += 1) {
      const due = await store.read.followups.due(clock.now(), SWEEP_BATCH, after);
      for (const followUp of due) {
        examined += 1;
        if (await attempt(followUp.id, () => sendOne(followUp.id))) sent += 1;
        if (followUp.dueAt) after = { dueAt: followUp.dueAt, id: followUp.id };
      }
      if (due.length < SWEEP_BATCH) break;
    }
    return { sent, examined, failed };
  };

  /**
   * Records the customer's answer, once (`conflict` after; an expired survey — past its time, or
   * replaced by a newer one — takes none). A poor answer (score ≤ 2 or not solved, a fixed rule)
   * reopens a resolved or closed case in the same transaction, as the system; `survey.answered`
   * says whether it did, and the escalation triggers weigh it (`poor_survey` by its own maxScore,
   * `reopen` when it reopened the case). The portal calls this as the system after checking
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
