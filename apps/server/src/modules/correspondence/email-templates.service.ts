import {
  EmailTemplateKinds,
  Locales,
  type EmailTemplateKind,
  type Locale,
  type PreviewEmailTemplateBody,
  type SaveEmailTemplateBody,
} from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { signLink } from '../../shared/signed-token.ts';
import { actorId, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { CASE_LINK_DAYS, daysAfter } from './correspondence.ts';
import type { CorrespondencePort, SavedTemplate } from './correspondence.repository.ts';
import { formatDay, formatHearBackBy, renderEmail, type RenderedEmail } from './render.ts';
import {
  REQUIRED_VARIABLES,
  SHIPPED_TEMPLATES,
  TEMPLATE_VARIABLES,
  templateProblems,
  type EmailTemplate,
} from './templates.ts';

/** A template as the administrator sees it: the saved text or the shipped one. */
export interface TemplateView extends EmailTemplate {
  readonly kind: EmailTemplateKind;
  readonly language: Locale;
  readonly customised: boolean;
  readonly variables: readonly string[];
  readonly required: readonly string[];
  readonly updatedAt: Date | null;
}

/** Sample values for a preview, per language: nobody's real data. */
const SAMPLE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'Alex Chen',
  'zh-TW': '陳小明',
  'zh-CN': '陈小明',
  th: 'สมชาย ใจดี',
};

const templateNotFound = (): AppError => new AppError(ErrorCode.NotFound, 'No such template');

/**
 * Customer e-mail templates for administrators: every (kind, language) listed as saved or shipped,
 * saved after its placeholders are checked, returned to the shipped text, previewed with samples.
 */
export const createEmailTemplateAdmin = ({
  store,
  clock,
  publicUrl,
  linkKey,
}: {
  store: UnitOfWork<CorrespondencePort>;
  clock: Clock;
  publicUrl: string;
  linkKey: () => Promise<string>;
}) => {
  const base = publicUrl.replace(/\/+$/, '');
  const templateFor = async (kind: EmailTemplateKind, language: Locale): Promise<EmailTemplate> =>
    (await store.read.correspondence.findTemplate(kind, language)) ?? SHIPPED_TEMPLATES[kind][language];

  const view = (kind: EmailTemplateKind, language: Locale, saved: SavedTemplate | undefined): TemplateView => ({
    kind,
    language,
    subject: saved?.subject ?? SHIPPED_TEMPLATES[kind][language].subject,
    body: saved?.body ?? SHIPPED_TEMPLATES[kind][language].body,
    customised: saved !== undefined,
    variables: TEMPLATE_VARIABLES[kind],
    required: REQUIRED_VARIABLES[kind],
    updatedAt: saved?.updatedAt ?? null,
  });

  const listTemplates = async (ctx: Context): Promise<TemplateView[]> => {
    requirePermission(ctx.actor, 'config:read');
    const saved = await store.read.correspondence.listTemplates();
    return EmailTemplateKinds.flatMap((kind) =>
      Locales.map((language) =>
        view(
          kind,
          language,
          saved.find((s) => s.kind === kind && s.language === language),
        ),
      ),
    );
  };

  const checkTemplate = (kind: EmailTemplateKind, template: EmailTemplate): void => {
    const problems = templateProblems(kind, template);
    if (problems.length > 0) {
      throw new AppError(ErrorCode.ValidationFailed, `The template is not valid: ${problems[0]?.message ?? ''}`, [
        ...problems,
      ]);
    }
  };

  const recordSaved = async (
    port: CorrespondencePort,
    ctx: Context,
    kind: EmailTemplateKind,
    language: Locale,
    customised: boolean,
    now: Date,
  ): Promise<void> => {
    await port.correspondence.appendEvent({
      type: 'email_template.saved',
      subjectType: 'email_template',
      subjectId: `${kind}:${language}`,
      actorId: actorId(ctx.actor),
      requestId: ctx.requestId,
      payload: { kind, language, customised },
      occurredAt: now,
    });
  };

  /** Saves an administrator's text for (kind, language); placeholders are checked first. */
  const saveTemplate = async (
    ctx: Context,
    kind: EmailTemplateKind,
    language: Locale,
    body: SaveEmailTemplateBody,
  ): Promise<TemplateView> => {
    requirePermission(ctx.actor, 'config:manage');
    const template = { subject: body.subject.trim(), body: body.body.replace(/\r\n/g, '\n') };
    checkTemplate(kind, template);
    const now = clock.now();
    const saved: SavedTemplate = { kind, language, ...template, updatedAt: now };
    await store.write(async (port) => {
      await port.correspondence.saveTemplate(saved, actorId(ctx.actor));
      await recordSaved(port, ctx, kind, language, true, now);
    });
    return view(kind, language, saved);
  };

  /** Back to the shipped text; not-found when nothing was saved. */
  const resetTemplate = async (ctx: Context, kind: EmailTemplateKind, language: Locale): Promise<TemplateView> => {
    requirePermission(ctx.actor, 'config:manage');
    const now = clock.now();
    await store.write(async (port) => {
      if (!(await port.correspondence.deleteTemplate(kind, language))) throw templateNotFound();
      await recordSaved(port, ctx, kind, language, false, now);
    });
    return view(kind, language, undefined);
  };

  /** Sample values for a preview in `language`. */
  const sampleValues = (language: Locale, key: string): Record<string, string> => {
    const now = clock.now();
    const caseId = 'case_PREVIEW';
    return {
      customerName: SAMPLE_NAMES[language],
      caseRef: 'C-2026-000123',
      caseSubject: SHIPPED_TEMPLATES.acknowledgement[language].subject,
      portalLink: `${base}/portal/case#token=${signLink(key, { purpose: 'case', caseId, expiresAt: Math.floor(now.getTime() / 1000) })}`,
      hearBackBy: formatHearBackBy(daysAfter(now, 2), 'UTC', language),
      message: SHIPPED_TEMPLATES.progress_update[language].subject,
      resolution: SHIPPED_TEMPLATES.resolution[language].subject,
      problem: SHIPPED_TEMPLATES.acknowledgement[language].subject,
      surveyLink: `${base}/portal/survey#token=preview`,
      linkExpiresOn: formatDay(daysAfter(now, CASE_LINK_DAYS), 'UTC', language),
    };
  };

  /**
   * The template (the given unsaved text, else the current one) rendered with sample values. The
   * sample portal link is already expired: a preview never hands out a working link.
   */
  const previewTemplate = async (
    ctx: Context,
    kind: EmailTemplateKind,
    language: Locale,
    body: PreviewEmailTemplateBody,
  ): Promise<RenderedEmail> => {
    requirePermission(ctx.actor, 'config:read');
    const current = await templateFor(kind, language);
    const template = { subject: body.subject ?? current.subject, body: body.body ?? current.body };
    checkTemplate(kind, template);
    return renderEmail(template, sampleValues(language, await linkKey()), { language, caseRef: 'C-2026-000123' });
  };

  return { listTemplates, saveTemplate, resetTemplate, previewTemplate, templateFor };
};
