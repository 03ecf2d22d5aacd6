import {
  ExpectedRemedies,
  type Locale,
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
import { randomInt } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { verifyLink, type LinkClaims, type LinkPurpose } from '../../shared/signed-token.ts';
import type { Context, UnitOfWork } from '../../shared/unit-of-work.ts';
import { recordStagedAttachments, type Attachment, type IncomingFile, type StagedFiles } from '../attachments/index.ts';
import { appendCaseEvents, formatCaseRef, loadVisibleCase, openCaseWithin, type Case } from '../cases/index.ts';
import { tryNormalizeEmail } from '../customers/index.ts';
import {
  complaintDescription,
  DEFAULT_ORGANISATION_NAME,
  firstNameOf,
  hearBackBy,
  LOCALES,
  maskEmail,
  nextUpdateBy,
  PORTAL_MAX_ATTACHMENT_BYTES,
  PORTAL_MAX_ATTACHMENTS,
  policyPromises,
  portalLanguage,
} from './portal.ts';
import type { PortalStore } from './portal.repository.ts';

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

const stringArray = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];

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

  /**
   * Files a complaint: one transaction opens the case on the channel's site and owner (customer
   * matched or created) and records the staged files, so either everything is stored or nothing
   * (the staged bytes are removed on failure). A form whose hidden field is filled is a robot's:
   * it gets a receipt that looks real and nothing is stored.
   */
  const fileComplaint = async (
    ctx: Context,
    body: PortalComplaintBody,
    staged: StagedFiles | null,
  ): Promise<FiledComplaint> => {
    const now = clock.now();
    try {
      if (body.website?.trim()) {
        await staged?.discard();
        return {
          dropped: true,
          receipt: {
            ref: formatCaseRef(now.getUTCFullYear(), randomInt(1, 999_999)),
            hearBackBy: new Date(now.getTime() + 24 * 3_600_000).toISOString(),
            emailSentTo: maskEmail(body.email),
          },
        };
      }
      const channel = await requireChannel(body.channelId, '/body/channelId');
      if (body.categoryId) {
        const categories = await store.read.cases.listCategories();
        if (!categories.some((c) => c.id === body.categoryId)) {
          throw new AppError(ErrorCode.ValidationFailed, 'Please choose one of the categories offered', [
            { field: '/body/categoryId', message: 'no such category' },
          ]);
        }
      }
      const sys = portalContext(ctx);
      const filed = await store.write(async (port) => {
        const opened = await openCaseWithinPortal(port, sys, body, channel, now);
        if (staged && staged.files.length > 0) {
          await recordStagedAttachments(port.attachments, sys, opened.id, staged, { via: 'portal' });
        }
        const clocks = await port.cases.clocks.listCaseClocks(opened.id);
        return { ref: opened.ref, hearBack: hearBackBy(clocks) };
      });
      return {
        dropped: false,
        receipt: {
          ref: filed.ref,
          hearBackBy: filed.hearBack?.toISOString() ?? null,
          emailSentTo: maskEmail(body.email),
        },
      };
    } catch (error) {
      await staged?.discard();
      throw error;
    }
  };

  /**
   * Asks for a fresh private link: when the reference's customer has this e-mail address,
   * `portal.link_requested` is appended (the correspondence module e-mails the link). The caller
   * learns nothing either way.
   */
  const requestLink = async (ctx: Context, body: PortalLinkRequestBody): Promise<void> => {
    const email = tryNormalizeEmail(body.email);
    if (!email) return;
    const caseId = await store.read.portal.caseForRefAndEmail(body.ref.trim().toUpperCase(), email);
    if (!caseId) return;
    const sys = portalContext(ctx);
    await store.write(async (port) => {
      await appendCaseEvents(
        port.cases,
        sys,
        caseId,
        [{ type: 'portal.link_requested', payload: { language: body.language ?? null } }],
        clock.now(),
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

  /** What the customer sees of the case: status, next update, their and our messages, the promises. */
  const viewCase = async (token: string | undefined): Promise<PortalCaseDto> => {
    const claims = await claimsOf(token, 'case');
    const { own, shown, caseIds } = await linkedCase(claims);
    const language = portalLanguage(shown.language ?? own.language);
    const { cases, portal } = store.read;
    const [events, snapshot, clocks, commitmentDues, surveyStatus, categories] = await Promise.all([
      cases.timeline(caseIds, 1000),
      cases.clocks.caseSnapshot(shown.id),
      cases.clocks.listCaseClocks(shown.id),
      portal.openCommitmentDues([shown.id]),
      portal.latestSurveyStatus(shown.id),
      shown.categoryId ? cases.listCategories() : Promise.resolve([]),
    ]);
    const files = new Map<string, PortalAttachmentDto & { via: unknown }>();
    for (const event of events) {
      if (event.type !== 'attachment.added') continue;
      const { attachmentId, filename, size, via } = event.payload;
      if (typeof attachmentId === 'string' && typeof filename === 'string' && typeof size === 'number') {
        files.set(attachmentId, { id: attachmentId, filename, size, via });
      }
    }
    const messageEvents = events.filter(
      (e) =>
        e.type === 'case.message_recorded' &&
        (e.payload.direction === 'inbound' || e.payload.direction === 'outbound') &&
        typeof e.payload.body === 'string',
    );
    const emailIds = messageEvents.map((e) => e.payload.emailId).filter((x): x is string => typeof x === 'string');
    const emailFiles = await portal.emailAttachmentIds(emailIds);
    const shared = new Set<string>();
    const messages: PortalMessageDto[] = messageEvents.map((event) => {
      const ids = [
        ...stringArray(event.payload.attachmentIds),
        ...(typeof event.payload.emailId === 'string' ? (emailFiles.get(event.payload.emailId) ?? []) : []),
      ];
      const attachments = [...new Set(ids)].flatMap((id) => {
        const file = files.get(id);
        if (!file) return [];
        shared.add(id);
        return [{ id: file.id, filename: file.filename, size: file.size }];
      });
      const outbound = event.payload.direction === 'outbound';
      return {
        id: event.id,
        direction: outbound ? 'outbound' : 'inbound',
        body: event.payload.body as string,
        at: event.occurredAt.toISOString(),
        authorName: outbound ? firstNameOf(event.actorName) : null,
        attachments,
      };
    });
    const formFiles = [...files.values()]
      .filter((f) => f.via === 'portal' && !shared.has(f.id))
      .map((f) => ({ id: f.id, filename: f.filename, size: f.size }));
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
      attachments: formFiles,
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
        await appendCaseEvents(
          port.cases,
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
        const recorded = (await port.cases.timeline([current.id], 1000))
          .filter((e) => e.type === 'case.message_recorded')
          .at(-1);
        return {
          id: recorded?.id ?? '',
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

/** Opens the complaint's case as the portal on the channel's site and owner, in the caller's unit of work. */
const openCaseWithinPortal = async (
  port: PortalStore,
  sys: Context,
  body: PortalComplaintBody,
  channel: { siteId: string | null; ownerId: string },
  now: Date,
): Promise<Case> => {
  const language: Locale = body.language;
  const opened = await openCaseWithin(
    port,
    sys,
    {
      customer: { name: body.name.trim(), email: body.email, phone: body.phone, language },
      channel: 'web',
      subject: body.subject,
      description: complaintDescription(body.whatHappened, body.whatYouExpect, language),
      language,
      categoryId: body.categoryId,
      expectedRemedy: body.expectedRemedy,
      orderRef: body.orderRef,
      siteId: channel.siteId ?? undefined,
      ownerId: channel.ownerId,
    },
    now,
  );
  return opened.case;
};
