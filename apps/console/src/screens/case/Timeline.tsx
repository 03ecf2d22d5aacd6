import type { CaseSignalDto, TimelineEntryDto } from '@redress/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../preferences-context.tsx';
import { useCaseVocabulary } from '../agent/vocabulary.ts';
import { signalSpans } from './CustomerWords.tsx';
import { Panel } from './case-ui.tsx';
import { Highlighted } from './highlight.tsx';
import { describeEvent } from './timeline-events.ts';

const SHOWN_AT_FIRST = 50;

interface TimelineProps {
  entries: readonly TimelineEntryDto[];
  signals: readonly CaseSignalDto[];
  nameOf: (userId: string) => string;
  levelLabel: (rank: number) => string;
}

/** Everything that happened on the case, newest first, each event in a sentence. */
export const Timeline = ({ entries, signals, nameOf, levelLabel }: TimelineProps) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const vocab = useCaseVocabulary();
  const [showAll, setShowAll] = useState(false);
  const ordered = [...entries].sort((a, b) => b.seq - a.seq);
  const shown = showAll ? ordered : ordered.slice(0, SHOWN_AT_FIRST);
  const context = {
    t,
    vocab,
    nameOf,
    levelLabel,
    formatDateTime: (iso: string) => formatDate(iso, { style: 'dateTime' }),
  };
  return (
    <Panel id="case-timeline" title={t('case.timeline.title')}>
      {ordered.length === 0 ? (
        <p className="muted">{t('case.timeline.empty')}</p>
      ) : (
        <ol className="case-timeline">
          {shown.map((entry) => {
            const words = describeEvent(entry, context);
            const spans =
              words.customerWords && words.body
                ? signalSpans(
                    words.body,
                    signals.filter((signal) => signal.source === 'message' && signal.eventId === entry.id),
                    (signal) => t(`case.signal.${signal.kind}`),
                  )
                : [];
            return (
              <li key={entry.id} className={`case-event case-event-${entry.type.split('.')[0] ?? 'other'}`}>
                <p className="case-event-head">
                  <time dateTime={entry.occurredAt}>{formatDate(entry.occurredAt, { style: 'dateTime' })}</time>
                  {entry.actorName && <span className="muted"> · {entry.actorName}</span>}
                </p>
                <p className="case-event-sentence">{words.sentence}</p>
                {words.body && (
                  <p className={`case-event-body${words.customerWords ? ' case-event-customer' : ''}`}>
                    <Highlighted text={words.body} spans={spans} />
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {!showAll && ordered.length > SHOWN_AT_FIRST && (
        <button type="button" className="button-quiet" onClick={() => setShowAll(true)}>
          {t('case.timeline.showAll', { count: ordered.length })}
        </button>
      )}
    </Panel>
  );
};
