/**
 * The one catalogue of event names (STYLE #9). Every state change appends one of these to the
 * event log in the same transaction; the timeline, audit trail, analytics and webhooks read them.
 * Names are part of the public API (webhook consumers see them): add, never rename.
 * Shape: `<subject>.<past-tense verb>`.
 */
export const EventType = {
  UserCreated: 'user.created',
  UserSignedIn: 'user.signed_in',
  ApiTokenCreated: 'api_token.created',
  ApiTokenRevoked: 'api_token.revoked',
  UserSiteChanged: 'user.site_changed',
  /** An administrator changed a user's name, role, language or disabled them (or enabled again). */
  UserUpdated: 'user.updated',
  SiteCreated: 'site.created',
  TeamCreated: 'team.created',
  TeamMemberAdded: 'team.member_added',
  TeamMemberRemoved: 'team.member_removed',
  // Customers: subject is the customer.
  CustomerCreated: 'customer.created',
  CustomerUpdated: 'customer.updated',
  CustomerContactAdded: 'customer.contact_added',
  CustomerContactRemoved: 'customer.contact_removed',
  CustomerExternalIdAdded: 'customer.external_id_added',
  CustomerProductAdded: 'customer.product_added',
  CustomerMerged: 'customer.merged',
  // Attachments: subject is the case they belong to.
  AttachmentAdded: 'attachment.added',
  // Cases and internal tasks.
  CaseCreated: 'case.created',
  CaseStatusChanged: 'case.status_changed',
  CaseFieldChanged: 'case.field_changed',
  CaseHandedOff: 'case.handed_off',
  CaseNoteAdded: 'case.note_added',
  CaseMessageRecorded: 'case.message_recorded',
  CaseCallLogged: 'case.call_logged',
  CaseKeyPersonAdded: 'case.key_person_added',
  CaseLinked: 'case.linked',
  CaseMerged: 'case.merged',
  CaseDuplicateMerged: 'case.duplicate_merged',
  CaseResolutionRecorded: 'case.resolution_recorded',
  CaseCustomerDecisionRecorded: 'case.customer_decision_recorded',
  CaseTaskCreated: 'case.task_created',
  CaseTaskAnswered: 'case.task_answered',
  CaseTaskReassigned: 'case.task_reassigned',
  CategoryCreated: 'category.created',
  CategoryRenamed: 'category.renamed',
  RootCauseCreated: 'root_cause.created',
  RootCauseRenamed: 'root_cause.renamed',
  // Calendars and service policies: subject is the calendar or policy.
  CalendarCreated: 'calendar.created',
  CalendarUpdated: 'calendar.updated',
  CalendarDaysImported: 'calendar.days_imported',
  PolicyCreated: 'policy.created',
  PolicyUpdated: 'policy.updated',
  // Service clocks: subject is the case. Each warning threshold and each breach is recorded once per cycle.
  ClockStarted: 'clock.started',
  ClockWarned: 'clock.warned',
  ClockBreached: 'clock.breached',
  ClockMet: 'clock.met',
  // Commitments (promises to the customer): subject is the case.
  CommitmentMade: 'commitment.made',
  CommitmentAtRisk: 'commitment.at_risk',
  CommitmentKept: 'commitment.kept',
  CommitmentBroken: 'commitment.broken',
  CommitmentRenegotiated: 'commitment.renegotiated',
  // The escalation ladder: subject is the case (levels and triggers: subject is the level/trigger).
  CaseEscalated: 'case.escalated',
  CaseDeEscalated: 'case.de_escalated',
  EscalationAcknowledged: 'escalation.acknowledged',
  EscalationLevelSaved: 'escalation_level.saved',
  EscalationTriggerSaved: 'escalation_trigger.saved',
  // Compensation and remedies: subject is the case.
  CompensationProposed: 'compensation.proposed',
  CompensationApproved: 'compensation.approved',
  CompensationRejected: 'compensation.rejected',
  CompensationCustomerResponded: 'compensation.customer_responded',
  CompensationDelivered: 'compensation.delivered',
  // The signal lexicon an administrator extends: subject is the entry (`lex_…`).
  LexiconEntryAdded: 'lexicon_entry.added',
  LexiconEntryDisabled: 'lexicon_entry.disabled',
  // Similar cases: subject is the spike (`spk_…`); the payload names the cluster and its counts.
  RecurrenceSpikeDetected: 'recurrence.spike_detected',
  // Webhook subscriptions: subject is the subscription (`whk_…`); the payload never holds the secret.
  WebhookCreated: 'webhook.created',
  WebhookDeleted: 'webhook.deleted',
  // E-mail with customers: subject is the case (`email.ignored`/`email.unparsed`: the message, `eml_…`).
  // Inbound mail that reaches a case is also a `case.message_recorded` (channel `email`, `emailId`).
  EmailReceived: 'email.received',
  EmailIgnored: 'email.ignored',
  EmailUnparsed: 'email.unparsed',
  EmailQueued: 'email.queued',
  EmailSent: 'email.sent',
  EmailFailed: 'email.failed',
  // Configuration of the customer's side: subject is the template (`<kind>:<language>`), channel or setting key.
  EmailTemplateSaved: 'email_template.saved',
  IntakeChannelSaved: 'intake_channel.saved',
  OrgSettingSaved: 'org_setting.saved',
  // Follow-ups and surveys after resolution (article 001): subject is the case.
  FollowUpScheduled: 'followup.scheduled',
  FollowUpSent: 'followup.sent',
  FollowUpCancelled: 'followup.cancelled',
  SurveyAnswered: 'survey.answered',
  // The customer portal: subject is the case.
  PortalLinkRequested: 'portal.link_requested',
  // Best answers an administrator keeps per category and language: subject is the answer (`ans_…`).
  BestAnswerCreated: 'best_answer.created',
  BestAnswerUpdated: 'best_answer.updated',
  BestAnswerDeleted: 'best_answer.deleted',
} as const;

export type EventType = (typeof EventType)[keyof typeof EventType];

/** Every event name, e.g. for webhook subscription pickers. */
export const EVENT_TYPES: readonly EventType[] = Object.values(EventType);
