import { isRole, type WorkloadDto } from '@redress/contract';
import { useTranslation } from 'react-i18next';
import type { Load } from '../../hooks/use-load.ts';
import { SectionHeading, useFormatCount } from './manager-ui.tsx';

/** A count that is bad news when not zero: emphasised (its column header says what it counts). */
const AlarmCell = ({ value }: { value: number }) => {
  const formatCount = useFormatCount();
  return <td className={value > 0 ? 'board-num board-alarm' : 'board-num'}>{formatCount(value)}</td>;
};

/** What each person at my sites carries now: open cases, breached clocks, promises, tasks. */
export const WorkloadSection = ({ load }: { load: Load<WorkloadDto> }) => {
  const { t } = useTranslation();
  const formatCount = useFormatCount();
  return (
    <section className="board-section" aria-labelledby="board-workload">
      <SectionHeading id="board-workload">{t('manager.workload.title')}</SectionHeading>
      {load.state === 'loading' && <p className="muted">{t('manager.workload.loading')}</p>}
      {load.state === 'failed' && (
        <p className="board-error" role="alert">
          {t(load.error.key, load.error.values)}
        </p>
      )}
      {load.state === 'ready' &&
        (load.value.items.length === 0 ? (
          <p className="muted">{t('manager.workload.none')}</p>
        ) : (
          // Focusable, so a keyboard can scroll it sideways on a narrow screen.
          <div className="table-scroll" tabIndex={0} role="group" aria-labelledby="board-workload">
            <table className="board-table">
              <caption className="visually-hidden">{t('manager.workload.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('manager.workload.person')}</th>
                  <th scope="col">{t('manager.workload.role')}</th>
                  <th scope="col" className="board-num">
                    {t('manager.workload.openCases')}
                  </th>
                  <th scope="col" className="board-num">
                    {t('manager.workload.breachedClocks')}
                  </th>
                  <th scope="col" className="board-num">
                    {t('manager.workload.openCommitments')}
                  </th>
                  <th scope="col" className="board-num">
                    {t('manager.workload.overdueCommitments')}
                  </th>
                  <th scope="col" className="board-num">
                    {t('manager.workload.openTasks')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {load.value.items.map((person) => (
                  <tr key={person.userId}>
                    <th scope="row">{person.name}</th>
                    <td>{isRole(person.role) ? t(`roles.${person.role}`) : person.role}</td>
                    <td className="board-num">{formatCount(person.openCases)}</td>
                    <AlarmCell value={person.breachedClocks} />
                    <td className="board-num">{formatCount(person.openCommitments)}</td>
                    <AlarmCell value={person.overdueCommitments} />
                    <td className="board-num">{formatCount(person.openTasks)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
};
