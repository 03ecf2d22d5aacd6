import type { CaseDto, CaseSignalDto } from '@redress/contract';
import { useTranslation } from 'react-i18next';
import { Highlighted, locateEvidence, type Span } from './highlight.tsx';
import { Panel } from './case-ui.tsx';

/** Spans of `text` to mark for the given signals (those whose evidence can be found in it). */
export const signalSpans = (
  text: string,
  signals: readonly CaseSignalDto[],
  label: (signal: CaseSignalDto) => string,
): Span[] =>
  signals.flatMap((signal) => {
    const at = locateEvidence(text, signal);
    return at ? [{ ...at, label: label(signal) }] : [];
  });

/**
 * The complaint exactly as the customer wrote or said it — the first thing on the page — with
 * the words that raised a risk signal marked.
 */
export const CustomerWords = ({ caseDto, signals }: { caseDto: CaseDto; signals: readonly CaseSignalDto[] }) => {
  const { t } = useTranslation();
  const inDescription = signals.filter((signal) => signal.source === 'description');
  const spans = signalSpans(caseDto.description, inDescription, (signal) => t(`case.signal.${signal.kind}`));
  const name = caseDto.customer.preferredName ?? caseDto.customer.name;
  return (
    <Panel id="case-words" title={t('case.words.title', { name })} className="case-words">
      <blockquote className="case-words-text" lang={caseDto.language ?? undefined}>
        <Highlighted text={caseDto.description} spans={spans} />
      </blockquote>
      {spans.length > 0 && <p className="muted case-words-legend">{t('case.words.legend')}</p>}
      {(caseDto.productRef || caseDto.orderRef || caseDto.tags.length > 0) && (
        <dl className="case-inline-facts">
          {caseDto.productRef && (
            <div>
              <dt>{t('case.words.product')}</dt>
              <dd>{caseDto.productRef}</dd>
            </div>
          )}
          {caseDto.orderRef && (
            <div>
              <dt>{t('case.words.order')}</dt>
              <dd>{caseDto.orderRef}</dd>
            </div>
          )}
          {caseDto.tags.length > 0 && (
            <div>
              <dt>{t('case.words.tags')}</dt>
              <dd>{caseDto.tags.join(', ')}</dd>
            </div>
          )}
        </dl>
      )}
    </Panel>
  );
};
