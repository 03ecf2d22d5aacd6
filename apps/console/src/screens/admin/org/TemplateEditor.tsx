import type { EmailPreviewDto, EmailTemplateDto } from '@redress/contract';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES } from '../../../i18n/i18n.ts';
import { adminApi } from './admin-api.ts';
import type { FieldProblem } from './admin-errors.ts';
import { ConfirmButton, Field, FormAlert, useProblemWords, useSubmit } from './admin-ui.tsx';

const FIELDS = { subject: 'subject', body: 'body' } as const;

/**
 * The server's placeholder problems in words. Its details name the placeholder in English
 * sentences (`unknown placeholder {{x}}; known: …`, `must use {{x}}`); only the name is taken.
 */
const useTemplateWords = () => {
  const { t } = useTranslation();
  const words = useProblemWords();
  return (problem: FieldProblem | undefined): string | undefined => {
    if (problem === undefined) return undefined;
    const message = problem.detail.message;
    const unknown = /unknown placeholder (\{\{[^}]*\}\})/.exec(message);
    if (unknown?.[1]) return t('admin.templates.unknownPlaceholder', { placeholder: unknown[1] });
    const missing = /must use (\{\{[^}]*\}\})/.exec(message);
    if (missing?.[1]) return t('admin.templates.missingPlaceholder', { placeholder: missing[1] });
    if (/"\{\{" or "\}\}"/.test(message)) return t('admin.templates.strayBraces', { open: '{{', close: '}}' });
    if (/one line/.test(message)) return t('admin.templates.oneLine');
    return words(problem);
  };
};

/**
 * One template (kind × language): its placeholders, subject and text, saved with `PUT`, previewed
 * with sample details, or returned to the shipped text. The preview's HTML is shown only inside a
 * sandboxed frame with no permissions (no scripts, no forms, its own origin), never in this page.
 */
export const TemplateEditor = ({
  template,
  manage,
  onClose,
  onChanged,
}: {
  template: EmailTemplateDto;
  manage: boolean;
  onClose: () => void;
  onChanged: (message: string) => void;
}) => {
  const { t } = useTranslation();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const [preview, setPreview] = useState<EmailPreviewDto | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const previewRef = useRef<HTMLHeadingElement>(null);
  const { pending, error, problems, run } = useSubmit(FIELDS, formRef);
  const words = useTemplateWords();
  const previewId = useId();
  const path = `/email-templates/${template.kind}/${template.language}`;
  const title = t('admin.templates.editTitle', {
    kind: t(`admin.templates.kinds.${template.kind}`),
    language: LANGUAGE_NAMES[template.language],
  });

  useEffect(() => subjectRef.current?.focus(), []);
  useEffect(() => {
    if (preview) previewRef.current?.focus();
  }, [preview]);

  const save = () =>
    run(async () => {
      await adminApi.put<EmailTemplateDto>(path, { subject, body });
      onChanged(t('admin.templates.saved'));
    });

  const showPreview = () =>
    run(async () => {
      setPreview(null);
      setPreview(await adminApi.post<EmailPreviewDto>(`${path}/preview`, { subject, body }));
    });

  const reset = () =>
    run(async () => {
      const shipped = await adminApi.delete<EmailTemplateDto>(path);
      setSubject(shipped.subject);
      setBody(shipped.body);
      setPreview(null);
      onChanged(t('admin.templates.resetDone'));
    });

  return (
    <form
      ref={formRef}
      className="admin-form admin-form-edit"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (manage) void save();
      }}
    >
      <h3>{title}</h3>
      <FormAlert error={error} />
      <p className="field-hint">{t('admin.templates.placeholders')}</p>
      <ul className="placeholder-list">
        {template.variables.map((name) => (
          <li key={name}>
            <code>{`{{${name}}}`}</code>
            {template.required.includes(name) && <span className="muted"> {t('admin.templates.requiredMark')}</span>}
          </li>
        ))}
      </ul>
      <Field label={t('admin.templates.subject')} error={words(problems.subject)}>
        {(control) => (
          <input
            {...control}
            ref={subjectRef}
            lang={template.language}
            value={subject}
            onChange={(event) => setSubject(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('admin.templates.body')} error={words(problems.body)}>
        {(control) => (
          <textarea
            {...control}
            lang={template.language}
            rows={14}
            value={body}
            onChange={(event) => setBody(event.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        {manage && (
          <button type="submit" className="button-action" disabled={pending}>
            {pending ? t('admin.common.saving') : t('admin.templates.save')}
          </button>
        )}
        <button type="button" className="button-quiet" disabled={pending} onClick={() => void showPreview()}>
          {t('admin.templates.preview')}
        </button>
        {manage && template.customised && (
          <ConfirmButton
            label={t('admin.templates.reset')}
            question={t('admin.templates.confirmReset')}
            confirmLabel={t('admin.templates.yesReset')}
            disabled={pending}
            onConfirm={reset}
          />
        )}
        <button type="button" className="button-quiet" onClick={onClose}>
          {t('admin.common.cancel')}
        </button>
      </div>
      {preview && (
        <section className="preview" aria-labelledby={previewId}>
          <h4 id={previewId} ref={previewRef} tabIndex={-1}>
            {t('admin.templates.previewTitle')}
          </h4>
          <p lang={template.language}>{t('admin.templates.previewSubject', { subject: preview.subject })}</p>
          <h5>{t('admin.templates.previewText')}</h5>
          <pre lang={template.language}>{preview.text}</pre>
          <h5>{t('admin.templates.previewHtml')}</h5>
          {/* An empty sandbox: the HTML may not run scripts, submit forms or reach this page. */}
          <iframe sandbox="" srcDoc={preview.html} title={t('admin.templates.previewFrame')} />
        </section>
      )}
    </form>
  );
};
