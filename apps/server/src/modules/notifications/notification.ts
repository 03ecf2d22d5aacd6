import type { EmailMode, NotificationKind } from '@redress/contract';
import { int, str } from './payload.ts';

/**
 * Who hears about what (pure). Events about a case become notifications for the people who must
 * act: the owner for their own clocks and promises, the people at the case's ladder level for
 * breaches and escalations, managers when a resolve or regulatory limit is missed, approvers for
 * compensation beyond the proposer's authority, and the proposer for the decision; the site's
 * supervisors and managers when complaints like one case spike.
 */

/** The job that e-mails one notification (`immediate`); enqueued with the notification. */
export const EMAIL_JOB = 'notifications.email';
/** The hourly job that sends each user's digest. */
export const DIGEST_JOB = 'notifications.digest';
/** The job that turns events into notifications. */
export const FANOUT_JOB = 'notifications.fanout';

/** Event type → the notification it causes. */
export const KIND_BY_EVENT: Readonly<Record<string, NotificationKind>> = {
  'clock.warned': 'clock_warned',
  'clock.breached': 'clock_breached',
  'commitment.at_risk': 'commitment_at_risk',
  'commitment.broken': 'commitment_broken',
  'case.escalated': 'case_escalated',
  'compensation.proposed': 'compensation_proposed',
  'compensation.approved': 'compensation_approved',
  'compensation.rejected': 'compensation_rejected',
  'recurrence.spike_detected': 'recurrence_spike',
};

/** The event types that cause notifications. */
export const NOTIFYING_EVENTS: readonly string[] = Object.keys(KIND_BY_EVENT);

/** Clock keys whose breach also goes to the site's managers: the case itself is late. */
const MANAGER_CLOCK_KEYS: readonly string[] = ['resolve', 'regulatory'];

/** The default when a user has chosen nothing: a missed promise should not wait an hour. */
export const DEFAULT_EMAIL_MODE: EmailMode = 'immediate';

/** An event as the fan-out job receives it. */
export interface NotifiableEvent {
  readonly id: string;
  readonly type: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly actorId: string | null;
  readonly occurredAt: Date;
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * A possible recipient, placed relative to the case the event is about (the service works this
 * out with the access and case-visibility rules, so the rule lives in one place).
 */
export interface Person {
  readonly id: string;
  readonly role: string;
  readonly disabled: boolean;
  readonly teamIds: readonly string[];
  /** Their scope covers the case's site (`scopeCoversSite`): they are that site's people. */
  readonly atCaseSite: boolean;
  /** They may open the case (the case-visibility rule: department members only via tasks). */
  readonly mayOpenCase: boolean;
}

/** The part of a ladder level that says who stands on it. */
export interface LevelMembership {
  readonly rank: number;
  readonly roles: readonly string[];
  readonly teamId: string | null;
}

/** What `recipientsFor` needs to know beyond the event. */
export interface RecipientFacts {
  readonly case: { readonly ownerId: string; readonly escalationLevel: number } | null;
  readonly levels: readonly LevelMembership[];
  /** Everyone who might be a recipient (loaded by role, team and id), placed relative to the case. */
  readonly people: readonly Person[];
  /** Who proposed the compensation an approval or rejection is about. */
  readonly proposerId: string | null;
}

/** Holders of `role` who are the case site's people and may open the case. */
const siteHolders = (role: string, people: readonly Person[]): Person[] =>
  people.filter((p) => p.role === role && p.atCaseSite && p.mayOpenCase);

/**
 * The people who stand at `rank` for the case: holders of the level's roles whose scope covers
 * the case's site, and members of the level's team who may open the case. Nobody is told of a
 * case they cannot open — a notification names the case and links to it — so a brand-wide PR or
 * legal team hears of the cases its members can see (their sites', or where their team has a
 * task), not of every case. At rank 0, or where the ladder has no such level, the site's
 * supervisors: someone above the front line must hear of it.
 */
export const peopleAtRank = (rank: number, levels: readonly LevelMembership[], people: readonly Person[]): Person[] => {
  const level = rank > 0 ? levels.find((l) => l.rank === rank) : undefined;
  if (!level) return siteHolders('supervisor', people);
  return people.filter(
    (p) =>
      p.mayOpenCase &&
      ((level.roles.includes(p.role) && p.atCaseSite) || (level.teamId !== null && p.teamIds.includes(level.teamId))),
  );
};

/** The site's managers. */
const managersOf = (people: readonly Person[]): Person[] => siteHolders('manager', people);

/**
 * The user ids to notify about `event`, without duplicates, in a stable order. Disabled users and
 * the actor who caused the event are left out (nobody needs telling what they just did).
 * An event that causes no notification (or about a case that no longer exists) gives [].
 */
export const recipientsFor = (event: NotifiableEvent, facts: RecipientFacts): string[] => {
  const kind = KIND_BY_EVENT[event.type];
  const subject = facts.case;
  if (!kind || !subject) return [];
  const byId = new Map(facts.people.map((p) => [p.id, p]));
  const ids: string[] = [];
  const add = (id: string | null | undefined): void => {
    if (id) ids.push(id);
  };
  const addPeople = (list: readonly Person[]): void => list.forEach((p) => add(p.id));
  switch (kind) {
    case 'clock_warned':
    case 'commitment_at_risk':
      add(subject.ownerId);
      break;
    case 'clock_breached':
      add(subject.ownerId);
      addPeople(peopleAtRank(subject.escalationLevel, facts.levels, facts.people));
      if (MANAGER_CLOCK_KEYS.includes(str(event.payload.key) ?? str(event.payload.kind) ?? '')) {
        addPeople(managersOf(facts.people));
      }
      break;
    case 'commitment_broken':
      add(subject.ownerId);
      addPeople(peopleAtRank(subject.escalationLevel, facts.levels, facts.people));
      break;
    case 'case_escalated':
      addPeople(peopleAtRank(int(event.payload.toRank) ?? subject.escalationLevel, facts.levels, facts.people));
      break;
    case 'compensation_proposed':
      // A proposal within the proposer's own authority is approved in the same step: nobody waits.
      if (str(event.payload.status) !== null && event.payload.status !== 'proposed') break;
      addPeople(peopleAtRank(int(event.payload.requiredRank) ?? 1, facts.levels, facts.people));
      break;
    case 'compensation_approved':
    case 'compensation_rejected':
      add(str(event.payload.proposedBy) ?? facts.proposerId);
      break;
    case 'recurrence_spike':
      // The site's supervisors and managers: finding the shared cause is above the front line.
      addPeople(siteHolders('supervisor', facts.people));
      addPeople(managersOf(facts.people));
      break;
  }
  const seen = new Set<string>();
  return ids.filter((id) => {
    if (seen.has(id) || id === event.actorId) return false;
    seen.add(id);
    const person = byId.get(id);
    // The owner or proposer is loaded by id; someone not loaded at all is not a user any more.
    return person !== undefined && !person.disabled;
  });
};

/**
 * How a new notification's e-mail starts: `pending` (send now), `digest` (wait for the hourly
 * digest) or `skipped` (the user chose in-app only, or no mail server is configured).
 */
export const initialEmailState = (mode: EmailMode, mailConfigured: boolean): 'pending' | 'digest' | 'skipped' =>
  !mailConfigured || mode === 'off' ? 'skipped' : mode === 'immediate' ? 'pending' : 'digest';
