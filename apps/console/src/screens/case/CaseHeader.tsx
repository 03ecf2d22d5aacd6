import type { CaseDto } from '@redress/contract';
import { useTranslation } from 'react-i18next';
import { useFormatDate, useLocale } from '../../preferences-context.tsx';
import { useCaseVocabulary } from '../agent/vocabulary.ts';
import { currentRank, levelName, localName } from './case-words.ts';
import type { CaseData } from './use-case-data.ts';

/** The page's `h1` (reference and subject) and the case's facts at a glance. */
export const CaseHeader = ({ caseDto, data }: { caseDto: CaseDto; data: CaseData }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const formatDate = useFormatDate();
  const vocab = useCaseVocabulary();
  const categories = data.categories.load.state === 'ready' ? data.categories.load.value.items : [];
  const category = categories.find((candidate) => candidate.id === caseDto.categoryId);
  const escalations = data.escalations.load.state === 'ready' ? data.escalations.load.value.items : null;
  const levels = data.ladder.load.state === 'ready' ? data.ladder.load.value.levels : [];
  const rank = escalations ? currentRank(escalations) : null;
  const rankName = rank === null ? null : levelName(levels, rank, locale);

  return (
    <header className="case-header">
      <h1>
        <span className="case-ref">{caseDto.ref}</span>{' '}
        <span className="case-subject">{caseDto.subject ?? t('case.noSubject')}</span>
      </h1>
      <dl className="case-facts">
        <div>
          <dt>{t('case.facts.status')}</dt>
          <dd className={`case-status case-status-${caseDto.status}`}>{vocab.status(caseDto.status)}</dd>
        </div>
        <div>
          <dt>{t('case.facts.category')}</dt>
          <dd>
            {category
              ? localName(category.names, locale)
              : caseDto.categoryId
                ? caseDto.categoryId
                : t('case.facts.uncategorised')}
          </dd>
        </div>
        <div>
          <dt>{t('case.facts.severity')}</dt>
          <dd className={`case-severity case-severity-${caseDto.severity}`}>
            {vocab.severity(caseDto.severity)}
            {caseDto.safety && <strong className="case-safety"> · {vocab.safety()}</strong>}
          </dd>
        </div>
        <div>
          <dt>{t('case.facts.channel')}</dt>
          <dd>{vocab.channel(caseDto.channel)}</dd>
        </div>
        <div>
          <dt>{t('case.facts.owner')}</dt>
          <dd>{caseDto.owner.name ?? caseDto.owner.id}</dd>
        </div>
        <div>
          <dt>{t('case.facts.opened')}</dt>
          <dd>
            <time dateTime={caseDto.createdAt}>{formatDate(caseDto.createdAt, { style: 'dateTime' })}</time>
          </dd>
        </div>
        {caseDto.expectedRemedy && (
          <div>
            <dt>{t('case.facts.expects')}</dt>
            <dd>{vocab.remedy(caseDto.expectedRemedy)}</dd>
          </div>
        )}
        {rank !== null && (
          <div>
            <dt>{t('case.facts.escalation')}</dt>
            <dd className={rank > 0 ? 'case-escalated' : undefined}>
              {rank === 0
                ? t('case.escalation.notEscalated')
                : rankName
                  ? t('case.escalation.levelNamed', { rank, name: rankName })
                  : t('case.escalation.level', { rank })}
            </dd>
          </div>
        )}
      </dl>
    </header>
  );
};
