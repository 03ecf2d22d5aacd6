import type { CoachFindingDto, CoachSpanDto } from '@redress/contract';
import { MAX_DRAFT_CHARS } from '@redress/contract';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format.ts';
import { useFormatDate, useLocale } from '../../preferences-context.tsx';
import { customerWordsOf, findingMessage, languageName, listOf } from './coach-words.ts';
import { excerptAround } from './composer-text.ts';
import type { CoachState } from './use-coach.ts';

/** What the agent can do with a finding's suggestion; the composer applies it to the draft. */
export interface CoachActions {
  /** Open the draft with this greeting. */
  onGreeting: (text: string) => void;
  /** Add this example next step. */
  onNextStep: (text: string) => void;
  /** Put `text` in place of the span's words. */
  onRephrase: (span: CoachSpanDto, text: string) => void;
  /** Open the promise form with the promise the coach found. */
  onPromise: (text: string, dueAt: string) => void;
  /** Select the span's words in the text area. */
  onShowSpan: (span: CoachSpanDto) => void;
}

interface FindingProps extends CoachActions {
  finding: CoachFindingDto;
  /** The draft the coach read; the spans are offsets into it. */
  draft: string;
}

const Suggestion = ({ finding, onGreeting, onNextStep, onRephrase, onPromise }: FindingProps) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const suggestion = finding.suggestion;
  if (suggestion === null) return null;
  switch (suggestion.action) {
    case 'address_by_name':
      return (
        <button type="button" className="button-quiet" onClick={() => onGreeting(suggestion.text)}>
          {t('composer.suggest.address_by_name', { text: suggestion.text })}
        </button>
      );
    case 'use_customer_words':
      return suggestion.words.length === 0 ? null : (
        <p className="coach-words">
          {t('composer.suggest.use_customer_words', { words: listOf(customerWordsOf(finding), locale) })}
        </p>
      );
    case 'add_next_step':
      return (
        <button type="button" className="button-quiet" onClick={() => onNextStep(suggestion.text)}>
          {t('composer.suggest.add_next_step', { text: suggestion.text })}
        </button>
      );
    case 'rephrase': {
      const span = finding.spans[0];
      return span === undefined ? null : (
        <button type="button" className="button-quiet" onClick={() => onRephrase(span, suggestion.text)}>
          {t('composer.suggest.rephrase', { text: suggestion.text })}
        </button>
      );
    }
    case 'create_commitment':
      return (
        <button type="button" className="button-quiet" onClick={() => onPromise(suggestion.text, suggestion.dueAt)}>
          {t('composer.suggest.create_commitment')}
        </button>
      );
    case 'write_in_language':
      return (
        <p className="coach-words">
          {t('composer.suggest.write_in_language', { language: languageName(suggestion.language, locale) })}
        </p>
      );
  }
};

const Finding = (props: FindingProps) => {
  const { finding, draft, onShowSpan } = props;
  const { t } = useTranslation();
  const locale = useLocale();
  const formatDate = useFormatDate();
  const message = findingMessage(finding, {
    locale,
    formatDateTime: (iso) => formatDate(iso, { style: 'dateTime' }),
  });
  return (
    <li className={`coach-finding coach-${finding.severity}`}>
      <p className="coach-message">
        <span className="coach-severity">{t(`composer.coach.severity.${finding.severity}`)}</span>{' '}
        {t(message.key, message.values)}
      </p>
      {finding.spans.map((span) => {
        const excerpt = excerptAround(draft, span);
        return (
          <p className="coach-excerpt" key={`${span.start}-${span.end}`}>
            <span>
              {excerpt.before}
              <mark>{excerpt.marked}</mark>
              {excerpt.after}
            </span>{' '}
            <button
              type="button"
              className="coach-show"
              aria-label={t('composer.coach.showInDraftLabel', { text: span.text })}
              onClick={() => onShowSpan(span)}
            >
              {t('composer.coach.showInDraft')}
            </button>
          </p>
        );
      })}
      <Suggestion {...props} />
    </li>
  );
};

/**
 * The reply coach's findings under the text area, in words, each with the draft's words it is about
 * highlighted and its suggestion as something to do. Announced politely as they change.
 */
export const CoachFindings = ({ coach, ...actions }: CoachActions & { coach: CoachState }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const titleId = useId();
  const reading = coach.state === 'ready' ? coach.reading : coach.state === 'checking' ? coach.previous : null;
  const findings = reading?.result.findings ?? [];

  return (
    <section className="coach" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('composer.coach.title')}</h3>
      <div aria-live="polite" className={coach.state === 'checking' ? 'coach-stale' : undefined}>
        {coach.state === 'idle' && <p className="muted">{t('composer.coach.idle')}</p>}
        {coach.state === 'tooLong' && (
          <p className="muted">{t('composer.coach.tooLong', { max: formatNumber(MAX_DRAFT_CHARS, locale) })}</p>
        )}
        {coach.state === 'failed' && <p className="muted">{t('composer.coach.failed')}</p>}
        {coach.state === 'ready' && findings.length === 0 && <p className="coach-ok">{t('composer.coach.allGood')}</p>}
        {reading !== null && findings.length > 0 && (
          <ul className="coach-findings" aria-label={t('composer.coach.listLabel')}>
            {findings.map((finding, index) => (
              <Finding key={`${finding.code}-${index}`} finding={finding} draft={reading.draft} {...actions} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
};
