import { ResolutionKinds, type CaseDto, type ResolutionKind, type RootCauseDto } from '@redress/contract';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../preferences-context.tsx';
import { caseApi } from './case-api.ts';
import { localName } from './case-words.ts';
import { ErrorText, useAction } from './case-ui.tsx';

/**
 * The resolution: what was done, temporary or final (article 001: even a temporary fix is a
 * resolution) and its root cause. `resolve` records it and resolves in one step; otherwise it is
 * recorded and the customer is asked next.
 */
export const ResolutionForm = ({
  caseDto,
  rootCauses,
  resolve,
  onDone,
  onCancel,
}: {
  caseDto: CaseDto;
  rootCauses: readonly RootCauseDto[];
  resolve: boolean;
  onDone: () => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const [text, setText] = useState(caseDto.resolution?.text ?? '');
  const [kind, setKind] = useState<ResolutionKind>(caseDto.resolution?.kind ?? 'final');
  const [rootCauseId, setRootCauseId] = useState(caseDto.resolution?.rootCauseId ?? '');
  const [errors, setErrors] = useState<{ text?: string; rootCause?: string }>({});
  const action = useAction(onDone);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!text.trim()) next.text = t('case.resolution.textRequired');
    if (!rootCauseId) next.rootCause = t('case.resolution.causeRequired');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const resolution = { text: text.trim(), kind, rootCauseId };
    void action.run(() =>
      resolve
        ? caseApi.transition(caseDto.id, { action: 'resolve', resolution })
        : caseApi.recordResolution(caseDto.id, resolution),
    );
  };

  return (
    <form className="case-form" onSubmit={submit} noValidate aria-label={t('case.resolution.formTitle')}>
      <label htmlFor={`${id}-text`}>{t('case.resolution.text')}</label>
      <textarea
        id={`${id}-text`}
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={errors.text ? true : undefined}
        aria-describedby={errors.text ? `${id}-text-error` : undefined}
      />
      {errors.text && (
        <p id={`${id}-text-error`} className="field-error">
          {errors.text}
        </p>
      )}
      <fieldset className="case-radios">
        <legend>{t('case.resolution.kindLabel')}</legend>
        {ResolutionKinds.map((value) => (
          <label key={value} className="case-check">
            <input
              type="radio"
              name={`${id}-kind`}
              value={value}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
            {t(`case.resolution.kind.${value}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-cause`}>{t('case.resolution.cause')}</label>
      <select
        id={`${id}-cause`}
        value={rootCauseId}
        onChange={(e) => setRootCauseId(e.target.value)}
        aria-invalid={errors.rootCause ? true : undefined}
        aria-describedby={errors.rootCause ? `${id}-cause-error` : undefined}
      >
        <option value="">{t('case.form.choose')}</option>
        {rootCauses.map((cause) => (
          <option key={cause.id} value={cause.id}>
            {localName(cause.names, locale)}
          </option>
        ))}
      </select>
      {errors.rootCause && (
        <p id={`${id}-cause-error`} className="field-error">
          {errors.rootCause}
        </p>
      )}
      <ErrorText error={action.error} />
      <div className="case-form-actions">
        <button type="submit" className="button-quiet button-main" disabled={action.busy}>
          {resolve ? t('case.resolution.saveAndResolve') : t('case.resolution.save')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
};
