import {
  ExpectedRemedies,
  type PortalAttachmentDto,
  type PortalCaseDto,
  type PortalComplaintBody,
  type PortalComplaintReceiptDto,
  type PortalConfigDto,
  type PortalLinkRequestBody,
  type PortalMessageDto,
  type PortalSurveyAnswerBody,
  type PortalSurveyDto,
  type SurveyStatus,
} from '@redress/contract';
import type { Readable } from 'node:stream';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { verifyLink, type LinkClaims, type LinkPurpose } from '../../shared/signed-token.ts';
import type { Context, UnitOfWork } from '../../shared/unit-of-work.ts';
import { recordStagedAttachments, type Attachment, type IncomingFile, type StagedFiles } from '../attachments/index.ts';
import { appendCaseEvents, loadVisibleCase, openCaseWithin, type Case, type CaseRepository } from '../cases/index.ts';
import { hearBackBy } from '../correspondence/index.ts';
import { normalizeCaptureInput, tryNormalizeEmail } from '../customers/index.ts';
import {
  complaintDescription,
  DEFAULT_ORGANISATION_NAME,
  droppedFormRef,
  firstNameOf,
  LINK_REQUEST_INTERVAL_MS,
  LOCALES,
  maskEmail,
  nextUpdateBy,
  PORTAL_MAX_ATTACHMENT_BYTES,
  PORTAL_MAX_ATTACHMENTS,
  PORTAL_MESSAGE_LIMIT,
  policyPromises,
  portalLanguage,
} from './portal.ts';
import type { PortalStore, PortalSubmission } from './portal.repository.ts';

/** A survey as the follow-ups module gives it to the portal. */
export interface PortalSurveyView {
  readonly id: string;
  readonly caseId: string;
  readonly language: string;
  readonly status: SurveyStatus;
  /** The problem in one line, as the follow-up restated it; the case's own words when absent. */
  readonly problem?: string | null;
}

export interface PortalServiceDeps {
  readonly store: UnitOfWork<PortalStore>;
  readonly clock: Clock;
  /** The key portal and survey links are signed with (`server_keys.links`). */
  readonly linkKey: () => Promise<string>;
  /** The attachments service: files are staged (stored and checked) before the case is written. */
  readonly attachments: {
    stageFiles(
      ctx: Context,
      incoming: AsyncIterable<IncomingFile>,
      limits?: { maxFiles?: number; maxBytes?: number },
    ): Promise<StagedFiles>;
    openAttachment(ctx: Context, id: string): Promise<{ attachment: Attachment; content: Readable }>;
    readonly limits: { readonly maxBytes: number; readonly maxFiles: number };
  };
  /** The follow-ups module's survey reads and answers; absent until that module is wired. */
  readonly getSurvey?: (surveyId: string) => Promise<PortalSurveyView | undefined>;
  readonly answerSurvey?: (
    ctx: Context,
    surveyId: string,
    body: PortalSurveyAnswerBody,
    via: 'portal',
  ) => Promise<unknown>;
}

/** The outcome of filing: the receipt, and whether it was a robot's (nothing was stored). */
export interface FiledComplaint {
  readonly receipt: PortalComplaintReceiptDto;
  readonly dropped: boolean;
}

/** How many merges a link follows to the case the customer's was merged into. */
const MAX_MERGE_HOPS = 5;
/** The longest one-line problem shown on the survey. */
const PROBLEM_CHARS = 200;

const linkInvalid = (): AppError =>
  new AppError(ErrorCode.LinkInvalid, 'This link is not valid or has expired. Ask for a new one on the portal.');

/** The system actor the portal acts as, carrying the request id for the log. */
const portalContext = (ctx: Context): Context => ({
  actor: { kind: 'system', name: 'portal' },
  requestId: ctx.requestId,
});

/** A second post of a form the channel already took: the transaction is undone and the first receipt answered. */
class RepeatedSubmission extends Error {}

/** The receipt a stored form was answered with. */
const receiptOf = (submission: PortalSubmission): PortalComplaintReceiptDto => ({
  ref: submission.ref,
  hearBackBy: submission.hearBackBy?.toISOString() ?? null,
  emailSentTo: maskEmail(submission.email),
});

/** A dropped form as kept for review: what was typed, and the names and sizes of its files. */
const formForReview = (body: PortalComplaintBody, staged: StagedFiles | null) => ({
  ...body,
  files: (staged?.files ?? []).map((f) => ({ filename: f.filename, size: f.size })),
});

/**
 * The customer portal: the complaint form's configuration, filing a complaint, asking for a fresh
 * private link, and — with a signed link — reading the case, replying and answering the survey.
 * Customers have no account: a link (`shared/signed-token.ts`) is what lets them in, and it opens
 * only the case (or survey) it was signed for.
 */
export const createPortalService = (deps: PortalServiceDeps) => {
  const { store, clock } = deps;
  const maxAttachments = Math.min(PORTAL_MAX_ATTACHMENTS, deps.attachments.limits.maxFiles);
  const maxAttachmentBytes = Math.min(PORTAL_MAX_ATTACHMENT_BYTES, deps.attachments.limits.maxBytes);

  const requireChannel = async (channelId: string | undefined, field: string) => {
    const channel = await store.read.portal.findPortalChannel(channelId);
    if (!channel) {
      throw new AppError(ErrorCode.NotFound, 'This complaint form is not open. Please contact us another way.', [
        { field, message: channelId ? 'no open portal channel with this id' : 'no portal channel is open' },
      ]);
    }
    return channel;
  };

  /** What the complaint form offers: the channel, the organisation's name, categories in four languages, limits. */
  const config = async (channelId: string | undefined): Promise<PortalConfigDto> => {
    const channel = await requireChannel(channelId, '/querystring/channel');
    const [name, categories] = await Promise.all([
      store.read.portal.organisationName(),
      store.read.cases.listCategories(),
    ]);
    return {
      channelId: channel.id,
      organisationName: name ?? DEFAULT_ORGANISATION_NAME,
      categories: categories.map((c) => ({
        id: c.id,
        parentId: c.parentId,
        names: Object.fromEntries(
          LOCALES.map((l) => [l, c.names[l] ?? c.names.en]),
        ) as PortalConfigDto['categories'][number]['names'],
      })),
      expectedRemedies: [...ExpectedRemedies],
      maxAttachmentBytes,
      maxAttachments,
    };
  };

  /** Stores and checks the form's files first, so a refused file refuses the whole complaint. */
  const stageFiles = (ctx: Context, incoming: AsyncIterable<IncomingFile>) =>
    deps.attachments.stageFiles(portalContext(ctx), incoming, {
      maxFiles: maxAttachments,
      maxBytes: maxAttachmentBytes,
    });

  /** The receipt of a form this channel already took with this submission id, if any. */
  const repeated = async (channelId: string, submissionId: string | undefined): Promise<FiledComplaint | null> => {
    if (!submissionId) return null;
    const first = await store.read.portal.findSubmission(channelId, submissionId);
    return first ? { dropped: first.status !== 'filed', receipt: receiptOf(first) } : null;
  };

  /**
   * Files a complaint: one transaction opens the case on the channel's site and owner and records
   * the staged files and the form's row, so either everything is stored or nothing (the staged
   * bytes are removed on failure). The public form proves nothing about who is typing, so it
   * matches an existing customer by e-mail only, never adds a contact to one, and gives a new
   * customer the phone typed only when nobody else has it; a phone not made a contact is kept on
   * the form's row. A form sent again with the same `submissionId` files nothing and answers the
   * first receipt. A form whose hidden field is filled is a robot's: it is kept for review, not
   * filed, and answered with a receipt that looks real but carries the reserved reference.
   */
  const fileComplaint = async (
    ctx: Context,
    body: PortalComplaintBody,
    staged: StagedFiles | null,
  ): Promise<FiledComplaint> => {
    const now = clock.now();
    try {
      const channel = await requireChannel(body.channelId, '/body/channelId');
      const first = await repeated(channel.id, body.submissionId);
      if (first) {
        await staged?.discard();
        return first;
      }
      if (body.website?.trim()) {
        const submission: PortalSubmission = {
          channelId: channel.id,
          submissionId: body.submissionId ?? null,
          status: 'dropped_honeypot',
          caseId: null,
          ref: droppedFormRef(now),
          hearBackBy: new Date(now.getTime() + 24 * 3_600_000),
          email: tryNormalizeEmail(body.email) ?? body.email.trim(),
          phone: body.phone?.trim() || null,
          attachmentIds: [],
          form: formForReview(body, staged),
          createdAt: now,
        };
        await staged?.discard();
        const kept = await store.write((port) => port.portal.insertSubmission(submission));
        return (
          (kept ? null : await repeated(channel.id, body.submissionId)) ?? {
            dropped: true,
            receipt: receiptOf(submission),
          }
        );
      }
      if (body.categoryId) {
        const categories = await store.read.cases.listCategories();
        if (!categories.some((c) => c.id === body.categoryId)) {
          throw new AppError(ErrorCode.ValidationFailed, 'Please choose one of the categories offered', [
            { field: '/body/categoryId', message: 'no such category' },
          ]);
        }
      }
      const keys = normalizeCaptureInput(
        { name: body.name, email: body.email, phone: body.phone, language: body.language },
        '/body',
      );
      const email = keys.email ?? '';
      const sys = portalContext(ctx);
      try {
        const filed = await store.write(async (port) => {
          const known = await port.customers.findByContact('email', email);
          const phoneIsFree =
            !known && keys.phone !== undefined && !(await port.customers.findByContact('phone', keys.phone));
          const contactPhone = phoneIsFree ? keys.phone : undefined;
          const opened = await openCaseWithin(
            port,
            sys,
            {
              customer: { name: body.name.trim(), email, phone: contactPhone, language: body.language },
              channel: 'web',
              subject: body.subject,
              description: complaintDescription(body.whatHappened, body.whatYouExpect, body.language),
              language: body.language,
              categoryId: body.categoryId,
              expectedRemedy: body.expectedRemedy,
              orderRef: body.orderRef,
              siteId: channel.siteId ?? undefined,
              ownerId: channel.ownerId,
            },
            now,
          );
          // A customer who took this address or phone since the lookup above: matching them now
          // could add a contact to them, so the whole filing is undone and asked again.
          if (opened.matchedBy !== (known ? 'email' : null)) {
            throw new AppError(ErrorCode.Conflict, 'Please send the form again');
          }
          const files =
            staged && staged.files.length > 0
              ? await recordStagedAttachments(port.attachments, sys, opened.case.id, staged, { via: 'portal' })
              : [];
          const submission: PortalSubmission = {
            channelId: channel.id,
            submissionId: body.submissionId ?? null,
            status: 'filed',
            caseId: opened.case.id,
            ref: opened.case.ref,
            // The same promise the acknowledgement e-mail makes.
            hearBackBy: hearBackBy(await port.cases.clocks.listCaseClocks(opened.case.id), now),
            email,
            phone: contactPhone ? null : (keys.phone ?? null),
            attachmentIds: files.map((f) => f.id),
            form: null,
            createdAt: now,
          };
          if (!(await port.portal.insertSubmission(submission))) throw new RepeatedSubmission();
          return submission;
        });
        return { dropped: false, receipt: receiptOf(filed) };
      } catch (error) {
        if (!(error instanceof RepeatedSubmission)) throw error;
        await staged?.discard();
        const again = await repeated(channel.id, body.submissionId);
        if (!again) throw new AppError(ErrorCode.Conflict, 'Please send the form again');
        return again;
      }
    } catch (error) {
      await staged?.discard();
      throw error;
    }
  };

  /**
   * Asks for a fresh private link: when `email` is the address the case was filed or written from
   * (never merely a contact of its customer), `portal.link_requested` is appended and the
   * correspondence module e-mails the link — at most once per case in `LINK_REQUEST_INTERVAL_MS`,
   * however many addresses ask. The caller learns nothing either way.
   */
  const requestLink = async (ctx: Context, body: PortalLinkRequestBody): Promise<void> => {
    const email = tryNormalizeEmail(body.email);
    if (!email) return;
    const caseId = await store.read.portal.caseForRefAndIntakeEmail(body.ref.trim().toUpperCase(), email);
    if (!caseId) return;
    const sys = portalContext(ctx);
    const now = clock.now();
    await store.write(async (port) => {
      // The case row is locked, so two requests at once cannot both find no recent one.
      await loadVisibleCase(port.cases, sys, caseId, true);
      if (await port.portal.linkRequestedSince(caseId, new Date(now.getTime() - LINK_REQUEST_INTERVAL_MS))) return;
      await appendCaseEvents(
        port.cases,
        sys,
        caseId,
        [{ type: 'portal.link_requested', payload: { language: body.language ?? null } }],
        now,
      );
    });
  };

  const claimsOf = async (token: string | undefined, purpose: LinkPurpose): Promise<LinkClaims> => {
    if (!token) throw linkInvalid();
    const claims = verifyLink(await deps.linkKey(), token, purpose, clock.now());
    if (!claims) throw linkInvalid();
    return claims;
  };

  /**
   * The case a case link opens: the case it was signed for, or the case that one was merged into
   * when it is the same customer's (another customer's case is never shown through a merge).
   */
  const linkedCase = async (claims: LinkClaims): Promise<{ own: Case; shown: Case; caseIds: string[] }> => {
    const own = await store.read.cases.findCase(claims.caseId);
    if (!own) throw linkInvalid();
    let shown = own;
    for (let hop = 0; hop < MAX_MERGE_HOPS && shown.mergedIntoId; hop += 1) {
      const next = await store.read.cases.findCase(shown.mergedIntoId);
      if (!next || next.customerId !== own.customerId) break;
      shown = next;
    }
    const merged = await store.read.cases.mergedInto(shown.id);
    const sameCustomer = await Promise.all(
      merged.map(async (id) => ((await store.read.cases.findCase(id))?.customerId === own.customerId ? id : null)),
    );
    return { own, shown, caseIds: [shown.id, ...sameCustomer.filter((id): id is string => id !== null)] };
  };

  /**
   * What the customer sees of the case: status, next update, the newest messages both ways (their
   * own words and ours; never notes, never an agent's account of a call), the promises.
   */
  const viewCase = async (token: string | undefined): Promise<PortalCaseDto> => {
    const claims = await claimsOf(token, 'case');
    const { own, shown, caseIds } = await linkedCase(claims);
    const language = portalLanguage(shown.language ?? own.language);
    const { cases, portal } = store.read;
    const [newestFirst, forms, snapshot, clocks, commitmentDues, surveyStatus, categories] = await Promise.all([
      portal.customerMessages(caseIds, PORTAL_MESSAGE_LIMIT),
      portal.filedSubmissions(caseIds),
      cases.clocks.caseSnapshot(shown.id),
      cases.clocks.listCaseClocks(shown.id),
      portal.openCommitmentDues([shown.id]),
      portal.latestSurveyStatus(shown.id),
      shown.categoryId ? cases.listCategories() : Promise.resolve([]),
    ]);
    const records = [...newestFirst].reverse();
    const emailFiles = await portal.emailAttachmentIds(
      records.map((r) => r.emailId).filter((id): id is string => id !== null),
    );
    const idsOf = (record: (typeof records)[number]) => [
      ...new Set([...record.attachmentIds, ...(record.emailId ? (emailFiles.get(record.emailId) ?? []) : [])]),
    ];
    const formIds = forms.flatMap((f) => f.attachmentIds);
    const stored = await portal.files(caseIds, [...new Set([...records.flatMap(idsOf), ...formIds])]);
    const files = new Map(stored.map((f) => [f.id, { id: f.id, filename: f.filename, size: f.size }]));
    const present = (ids: readonly string[]): PortalAttachmentDto[] =>
      ids.flatMap((id) => {
        const file = files.get(id);
        return file ? [file] : [];
      });
    const messages: PortalMessageDto[] = records.map((record) => {
      const outbound = record.direction === 'outbound';
      return {
        id: record.id,
        direction: record.direction,
        body: record.body,
        at: record.occurredAt.toISOString(),
        authorName: outbound ? firstNameOf(record.actorName) : null,
        attachments: present(idsOf(record)),
      };
    });
    const policy = snapshot?.policyId ? await cases.clocks.policy(snapshot.policyId) : undefined;
    const category = categories.find((c) => c.id === shown.categoryId);
    const finished = shown.status === 'closed';
    return {
      ref: shown.ref,
      mergedFromRef: shown.id === own.id ? null : own.ref,
      status: shown.status,
      subject: shown.subject,
      description: shown.description,
      language: shown.language,
      categoryName: category ? (category.names[language] ?? category.names.en) : null,
      createdAt: shown.createdAt.toISOString(),
      nextUpdateBy: finished ? null : (nextUpdateBy(clocks, commitmentDues)?.toISOString() ?? null),
      attachments: present(formIds),
      messages,
      policies: policy ? [{ name: policy.name, promises: policyPromises(policy, language) }] : [],
      survey: surveyStatus ? { status: surveyStatus as SurveyStatus } : null,
      linkExpiresAt: new Date(claims.expiresAt * 1000).toISOString(),
    };
  };

  /**
   * The customer's reply through the link: `case.message_recorded` (inbound, web) with the staged
   * files, in one transaction on the case the link shows. A closed case takes no replies.
   */
  const reply = async (
    ctx: Context,
    token: string | undefined,
    body: string,
    staged: StagedFiles | null,
  ): Promise<PortalMessageDto> => {
    try {
      const claims = await claimsOf(token, 'case');
      const { shown } = await linkedCase(claims);
      const sys = portalContext(ctx);
      const now = clock.now();
      const text = body.trim();
      if (!text) {
        throw new AppError(ErrorCode.ValidationFailed, 'Please write a message', [
          { field: '/body/body', message: 'is empty' },
        ]);
      }
      return await store.write(async (port) => {
        const current = await loadVisibleCase(port.cases, sys, shown.id, true);
        if (current.status === 'closed') {
          throw new AppError(
            ErrorCode.RuleViolated,
            'This case is closed and takes no more replies. If something is still wrong, please file a new complaint.',
          );
        }
        const files = staged
          ? await recordStagedAttachments(port.attachments, sys, current.id, staged, { via: 'portal' })
          : [];
        await port.cases.saveCase({ ...current, updatedAt: now });
        // The message's id is the one its append answers (the clocks are kept by appendCaseEvents).
        let recordedId = '';
        const recording: CaseRepository = {
          ...port.cases,
          appendEvent: async (event) => {
            const appended = await port.portal.appendEvent(event);
            if (event.type === 'case.message_recorded') recordedId = appended.id;
          },
        };
        await appendCaseEvents(
          recording,
          sys,
          current.id,
          [
            {
              type: 'case.message_recorded',
              payload: {
                direction: 'inbound',
                channel: 'web',
                body: text,
                ...(files.length > 0 ? { attachmentIds: files.map((f) => f.id) } : {}),
              },
            },
          ],
          now,
        );
        return {
          id: recordedId,
          direction: 'inbound',
          body: text,
          at: now.toISOString(),
          authorName: null,
          attachments: files.map((f) => ({ id: f.id, filename: f.filename, size: f.size })),
        };
      });
    } catch (error) {
      await staged?.discard();
      throw error;
    }
  };

  /** The bytes of a file the customer may see on the case the link opens; anything else is not found. */
  const openAttachment = async (token: string | undefined, attachmentId: string) => {
    const view = await viewCase(token);
    const visible = [...view.attachments, ...view.messages.flatMap((m) => m.attachments)].some(
      (a) => a.id === attachmentId,
    );
    if (!visible) throw new AppError(ErrorCode.NotFound, 'Not found');
    return deps.attachments.openAttachment(
      portalContext({ actor: { kind: 'anonymous' }, requestId: null }),
      attachmentId,
    );
  };

  const surveyFor = async (token: string | undefined): Promise<{ survey: PortalSurveyView; caseRecord: Case }> => {
    const claims = await claimsOf(token, 'survey');
    if (!claims.surveyId || !deps.getSurvey) throw linkInvalid();
    const survey = await deps.getSurvey(claims.surveyId);
    if (!survey || survey.caseId !== claims.caseId) throw linkInvalid();
    const caseRecord = await store.read.cases.findCase(claims.caseId);
    if (!caseRecord) throw linkInvalid();
    return { survey, caseRecord };
  };

  /** The survey a survey link opens, with the problem in one line. */
  const viewSurvey = async (token: string | undefined): Promise<PortalSurveyDto> => {
    const { survey, caseRecord } = await surveyFor(token);
    const ownWords = (caseRecord.subject ?? caseRecord.description.split('\n')[0] ?? '').trim();
    const problem = (survey.problem?.trim() || ownWords).slice(0, PROBLEM_CHARS);
    return { ref: caseRecord.ref, language: portalLanguage(survey.language), problem, status: survey.status };
  };

  /** Answers the survey through the follow-ups module (which refuses a second answer). */
  const answerSurvey = async (ctx: Context, token: string | undefined, body: PortalSurveyAnswerBody) => {
    const { survey } = await surveyFor(token);
    if (!deps.answerSurvey) throw linkInvalid();
    await deps.answerSurvey(portalContext(ctx), survey.id, body, 'portal');
    return viewSurvey(token);
  };

  /** Throws `link_invalid` unless the token is a genuine, unexpired link to an existing case. */
  const requireCaseLink = async (token: string | undefined): Promise<void> => {
    await linkedCase(await claimsOf(token, 'case'));
  };

  return {
    config,
    requireCaseLink,
    stageFiles,
    fileComplaint,
    requestLink,
    viewCase,
    reply,
    openAttachment,
    viewSurvey,
    answerSurvey,
    limits: { maxAttachments, maxAttachmentBytes },
  };
};

export type PortalService = ReturnType<typeof createPortalService>;
