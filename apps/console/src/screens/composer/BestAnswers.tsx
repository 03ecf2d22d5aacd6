import type { BestAnswerDto, CaseDto } from '@redress/contract';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../hooks/use-load.ts';
import { useLocale } from '../../preferences-context.tsx';
import { languageName } from './coach-words.ts';
import { customerLanguage, customerNameOf, fetchBestAnswers } from './composer-api.ts';
import { fillPlaceholders } from './composer-text.ts';

/** The first words of an answer, on one line, so the agent can tell similar ones apart. */
const preview = (body: string, length = 140): string => {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
};

/**
 * Replies that worked for this category in the customer's language, nearest category first. Picking
 * one hands its body, with the customer's name and the case reference filled in, to `onPick`.
 */
export const BestAnswers = ({ caseDto, onPick }: { caseDto: CaseDto; onPick: (text: string) => void }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const titleId = useId();
  const language = customerLanguage(caseDto);
  const { load } = useLoad(
    (signal) => fetchBestAnswers(caseDto, signal),
    `${caseDto.id}|${caseDto.categoryId ?? ''}|${language ?? ''}`,
  );
  const values = { customerName: customerNameOf(caseDto), caseRef: caseDto.ref };
  const pick = (answer: BestAnswerDto) => onPick(fillPlaceholders(answer.body, values));

  return (
    <details className="best-answers">
      <summary id={titleId}>
        {load.state === 'ready'
          ? t('composer.best.summary', { count: load.value.items.length })
          : t('composer.best.title')}
      </summary>
      {language !== undefined && (
        <p className="muted">{t('composer.best.inLanguage', { language: languageName(language, locale) })}</p>
      )}
      {load.state === 'loading' && <p className="muted">{t('composer.best.loading')}</p>}
      {load.state === 'failed' && <p className="composer-error">{t(load.error.key, load.error.values)}</p>}
      {load.state === 'ready' && load.value.items.length === 0 && <p className="muted">{t('composer.best.none')}</p>}
      {load.state === 'ready' && load.value.items.length > 0 && (
        <ul className="best-answer-list" aria-labelledby={titleId}>
          {load.value.items.map((answer) => (
            <li key={answer.id} className="best-answer">
              <div>
                <p className="best-answer-title">{answer.title}</p>
                <p className="best-answer-preview muted">{preview(fillPlaceholders(answer.body, values))}</p>
              </div>
              <button
                type="button"
                className="button-quiet"
                aria-label={t('composer.best.insertLabel', { title: answer.title })}
                onClick={() => pick(answer)}
              >
                {t('composer.best.insert')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
};
