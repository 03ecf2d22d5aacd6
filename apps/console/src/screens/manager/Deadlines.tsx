import { ClockKinds, type ClockKind, type EarlyWarningDto } from '@redress/contract';
import { useTranslation } from 'react-i18next';
import { Countdown } from '../../components/Countdown.tsx';
import { CaseLink, SectionHeading, ShownOf } from './manager-ui.tsx';

type ClockList = EarlyWarningDto['clocks']['dueSoon'];
type PromiseList = EarlyWarningDto['commitments']['dueSoon'];

const isClockKind = (kind: string): kind is ClockKind => (ClockKinds as readonly string[]).includes(kind);

/** A clock's kind in words ("Resolve", "Internal task"), or the kind as sent when it is new to us. */
const useClockKind = () => {
  const { t } = useTranslation();
  return (kind: string) => (isClockKind(kind) ? t(`manager.clockKinds.${kind}`) : kind);
};

const ClockTable = ({ title, list, empty, now }: { title: string; list: ClockList; empty: string; now: Date }) => {
  const { t } = useTranslation();
  const clockKind = useClockKind();
  return (
    <div className="board-block">
      <SectionHeading level={3} count={list.total}>
        {title}
      </SectionHeading>
      {list.items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="board-table">
            <thead>
              <tr>
                <th scope="col">{t('manager.columns.case')}</th>
                <th scope="col">{t('manager.columns.clock')}</th>
                <th scope="col">{t('manager.columns.due')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((clock) => (
                <tr key={clock.clockId}>
                  <td>
                    <CaseLink caseId={clock.caseId} caseRef={clock.caseRef} />
                  </td>
                  <td>{clockKind(clock.kind)}</td>
                  <td>
                    <Countdown dueAt={clock.dueAt} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ShownOf shown={list.items.length} total={list.total} />
    </div>
  );
};

const PromiseTable = ({
  title,
  list,
  empty,
  now,
  personName,
}: {
  title: string;
  list: PromiseList;
  empty: string;
  now: Date;
  personName: (userId: string | null) => string;
}) => {
  const { t } = useTranslation();
  return (
    <div className="board-block">
      <SectionHeading level={3} count={list.total}>
        {title}
      </SectionHeading>
      {list.items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="board-table">
            <thead>
              <tr>
                <th scope="col">{t('manager.columns.case')}</th>
                <th scope="col">{t('manager.columns.promise')}</th>
                <th scope="col">{t('manager.columns.madeBy')}</th>
                <th scope="col">{t('manager.columns.due')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((promise) => (
                <tr key={promise.commitmentId}>
                  <td>
                    <CaseLink caseId={promise.caseId} caseRef={promise.caseRef} />
                  </td>
                  <td className="board-text">{promise.text}</td>
                  <td>{personName(promise.madeBy)}</td>
                  <td>
                    <Countdown dueAt={promise.dueAt} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ShownOf shown={list.items.length} total={list.total} />
    </div>
  );
};

/** Clocks about to breach and breached. */
export const ClocksSection = ({ board, now }: { board: EarlyWarningDto; now: Date }) => {
  const { t } = useTranslation();
  return (
    <section className="board-section" aria-labelledby="board-clocks">
      <SectionHeading id="board-clocks">{t('manager.clocks.title')}</SectionHeading>
      <div className="board-pair">
        <ClockTable
          title={t('manager.clocks.dueSoon')}
          list={board.clocks.dueSoon}
          empty={t('manager.clocks.noneDueSoon', { hours: board.hours })}
          now={now}
        />
        <ClockTable
          title={t('manager.clocks.breached')}
          list={board.clocks.breached}
          empty={t('manager.clocks.noneBreached')}
          now={now}
        />
      </div>
    </section>
  );
};

/** Promises to customers due soon and overdue, with who made them. */
export const PromisesSection = ({
  board,
  now,
  personName,
}: {
  board: EarlyWarningDto;
  now: Date;
  personName: (userId: string | null) => string;
}) => {
  const { t } = useTranslation();
  return (
    <section className="board-section" aria-labelledby="board-promises">
      <SectionHeading id="board-promises">{t('manager.promises.title')}</SectionHeading>
      <div className="board-pair">
        <PromiseTable
          title={t('manager.promises.dueSoon')}
          list={board.commitments.dueSoon}
          empty={t('manager.promises.noneDueSoon', { hours: board.hours })}
          now={now}
          personName={personName}
        />
        <PromiseTable
          title={t('manager.promises.overdue')}
          list={board.commitments.overdue}
          empty={t('manager.promises.noneOverdue')}
          now={now}
          personName={personName}
        />
      </div>
    </section>
  );
};
