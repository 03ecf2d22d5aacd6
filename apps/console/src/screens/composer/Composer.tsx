import type { CaseDto, TaskDto } from '@redress/contract';
import { useTranslation } from 'react-i18next';

export interface ComposerProps {
  /** The case being answered: id, ref, category, language and the customer's name. */
  caseDto: CaseDto;
  /** The case's internal tasks, so a promise can name the ones it depends on. */
  tasks: readonly TaskDto[];
  /** Called after a reply, note or commitment is saved, so the case page reads itself again. */
  onSaved: () => void;
}

/** Placeholder until the composer is built. */
export const Composer = ({ caseDto }: ComposerProps) => {
  const { t } = useTranslation();
  return <h2 data-case={caseDto.id}>{t('composer.label')}</h2>;
};
