import { isRole, type LadderDto, type TeamDto, type TriggersDto } from '@redress/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api.ts';
import { useCan } from '../../../auth/permissions.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { useLocale } from '../../../preferences-context.tsx';
import { formatMoney } from './escalation-words.ts';
import { LadderForm } from './LadderForm.tsx';
import { targetInWords } from './policy-words.ts';
import { Announcer, localName, useTranslate } from './rules-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';
import { TriggersForm } from './TriggersForm.tsx';
import './rules.css';

interface EscalationData {
  levels: LadderDto['levels'];
  triggers: TriggersDto['triggers'];
  teams: TeamDto[];
}

/**
 * The escalation ladder and its authority (article 004): who stands at each level, how much each
 * may approve, how soon each responds; and the triggers that send a case up on their own.
 */
export const Escalation = () => {
  const { t } = useTranslation();
  const translate = useTranslate();
  const locale = useLocale();
  const can = useCan();
  const canManage = can('config:manage');
  const canSeeTeams = can('org:read');
  const { load, reload } = useLoad(async (signal): Promise<EscalationData> => {
    const [ladder, triggers, teams] = await Promise.all([
      apiRequest<LadderDto>('/api/v1/escalation/levels', { signal }),
      apiRequest<TriggersDto>('/api/v1/escalation/triggers', { signal }),
      canSeeTeams ? apiRequest<{ items: TeamDto[] }>('/api/v1/teams', { signal }) : { items: [] },
    ]);
    return {
      levels: [...ladder.levels].sort((a, b) => a.rank - b.rank),
      triggers: triggers.triggers,
      teams: teams.items,
    };
  }, `escalation:${canSeeTeams}`);
  const [editingLadder, setEditingLadder] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  return (
    <div className="rules">
      <h2>{t('rules.escalation.title')}</h2>
      <p className="muted">{t('rules.escalation.intro')}</p>
      <Announcer message={announcement} />
      <Loaded load={load} retry={reload}>
        {(data) => (
          <>
            <div className="rules-table-wrap">
              <table className="rules-table">
                <caption className="visually-hidden">{t('rules.escalation.ladder')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('rules.escalation.rank')}</th>
                    <th scope="col">{t('rules.escalation.level')}</th>
                    <th scope="col">{t('rules.escalation.who')}</th>
                    <th scope="col">{t('rules.escalation.approvesUpTo')}</th>
                    <th scope="col">{t('rules.escalation.remedies')}</th>
                    <th scope="col">{t('rules.escalation.respondsWithin')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.levels.map((level) => (
                    <tr key={level.id}>
                      <td>{level.rank}</td>
                      <th scope="row">{localName(level.names, locale)}</th>
                      <td>
                        {[
                          ...level.roles.map((role) => (isRole(role) ? t(`roles.${role}`) : role)),
                          ...(level.teamId
                            ? [data.teams.find((team) => team.id === level.teamId)?.name ?? level.teamId]
                            : []),
                        ].join(', ')}
                      </td>
                      <td>
                        {level.maxCompensation === null || level.currency === null
                          ? t('rules.escalation.noLimit')
                          : formatMoney(level.maxCompensation, level.currency, locale)}
                      </td>
                      <td>
                        {level.remedies.length === 0
                          ? t('rules.escalation.noRemedies')
                          : level.remedies.map((kind) => t(`rules.escalation.remedyKinds.${kind}`)).join(', ')}
                      </td>
                      <td>{targetInWords(translate, { unit: 'working_minutes', amount: level.responseMinutes })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {canManage &&
              (editingLadder ? (
                <LadderForm
                  levels={data.levels}
                  teams={data.teams}
                  onSaved={() => {
                    setEditingLadder(false);
                    setAnnouncement(t('rules.escalation.ladderSaved'));
                    reload();
                  }}
                  onCancel={() => setEditingLadder(false)}
                />
              ) : (
                <button type="button" className="button-quiet" onClick={() => setEditingLadder(true)}>
                  {t('rules.escalation.editLadder')}
                </button>
              ))}
            {canManage ? (
              <TriggersForm
                key={data.triggers.map((trigger) => trigger.id).join()}
                triggers={data.triggers}
                levels={data.levels}
                onSaved={() => {
                  setAnnouncement(t('rules.escalation.triggersSaved'));
                  reload();
                }}
              />
            ) : (
              <section className="rules-card" aria-labelledby="esc-triggers-read">
                <h3 id="esc-triggers-read">{t('rules.escalation.triggersTitle')}</h3>
                <ul>
                  {data.triggers.map((trigger) => (
                    <li key={trigger.id}>
                      {t(`rules.escalation.triggerKinds.${trigger.kind}`)} —{' '}
                      {trigger.enabled ? t('rules.escalation.on') : t('rules.escalation.off')}
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </Loaded>
    </div>
  );
};
