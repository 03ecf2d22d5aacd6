import {
  CompensationKinds,
  Roles,
  type LadderDto,
  type LadderLevelDto,
  type LadderLevelBody,
  type TeamDto,
} from '@redress/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api.ts';
import { useLocale } from '../../../preferences-context.tsx';
import { majorTextToMinor, minorToMajorText } from './escalation-words.ts';
import {
  CheckList,
  FormProblem,
  NamesFields,
  TextField,
  blankNames,
  localName,
  useSubmit,
  type NamesRecord,
} from './rules-ui.tsx';

interface LevelInput {
  key: string;
  names: NamesRecord;
  roles: string[];
  teamId: string;
  maxAmount: string;
  currency: string;
  remedies: string[];
  responseHours: string;
}

const toInput = (level: LadderLevelDto): LevelInput => ({
  key: level.id,
  names: { ...blankNames(), ...level.names },
  roles: [...level.roles],
  teamId: level.teamId ?? '',
  maxAmount: minorToMajorText(level.maxCompensation, level.currency),
  currency: level.currency ?? '',
  remedies: [...level.remedies],
  responseHours: String(level.responseMinutes / 60),
});

let fresh = 0;
const blankLevel = (currency: string): LevelInput => ({
  key: `new-${(fresh += 1)}`,
  names: blankNames(),
  roles: [],
  teamId: '',
  maxAmount: '',
  currency,
  remedies: [],
  responseHours: '2',
});

/** The level as `PUT /escalation/levels` takes it; ranks follow the order on screen. */
const toBody = (level: LevelInput, rank: number): LadderLevelBody => {
  const currency = level.currency.trim().toUpperCase();
  const hours = Number(level.responseHours.replace(',', '.'));
  return {
    rank,
    names: Object.fromEntries(Object.entries(level.names).map(([k, v]) => [k, v.trim()])) as LadderLevelBody['names'],
    roles: level.roles,
    teamId: level.teamId || null,
    maxCompensation: majorTextToMinor(level.maxAmount, currency || 'XXX'),
    currency: currency || null,
    remedies: level.remedies as LadderLevelBody['remedies'],
    responseMinutes: Number.isFinite(hours) ? Math.round(hours * 60) : 0,
  };
};

/**
 * The whole ladder, edited and saved at once: each level's names in four languages, who stands
 * there (roles or a team), how much compensation it may approve, which remedies, and how soon it
 * must respond. Levels are ranked in the order shown, front line first.
 */
export const LadderForm = ({
  levels,
  teams,
  onSaved,
  onCancel,
}: {
  levels: readonly LadderLevelDto[];
  teams: readonly TeamDto[];
  onSaved: (levels: LadderLevelDto[]) => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const { busy, failure, setFailure, submit, invalid, formRef } = useSubmit();
  const [inputs, setInputs] = useState<LevelInput[]>(() => levels.map(toInput));
  const update = (index: number, change: Partial<LevelInput>) =>
    setInputs(inputs.map((input, i) => (i === index ? { ...input, ...change } : input)));

  // Amounts that are not amounts are caught here: sent, they would read as "no limit".
  const [unreadable, setUnreadable] = useState<string[]>([]);

  const onSubmit = async () => {
    const bodies = inputs.map(toBody);
    const bad = inputs.flatMap((input, i) => (Number.isNaN(bodies[i]?.maxCompensation) ? [input.key] : []));
    setUnreadable(bad);
    if (bad.length > 0) {
      setFailure({ fields: [], problem: { key: 'errors.validation_failed' } });
      return;
    }
    const saved = await submit(() =>
      apiRequest<LadderDto>('/api/v1/escalation/levels', { method: 'PUT', body: { levels: bodies } }),
    );
    if (saved) onSaved(saved.levels);
  };

  return (
    <form
      ref={formRef}
      className="rules-form"
      aria-label={t('rules.escalation.editLadder')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h3>{t('rules.escalation.editLadder')}</h3>
      <FormProblem failure={failure} />
      {failure?.fields.includes('levels') && <p className="field-error">{t('rules.escalation.ladderInvalid')}</p>}
      {inputs.map((level, index) => {
        const at = (path: string) => invalid(`levels/${index}/${path}`);
        const id = `lvl-${level.key}`;
        const title = t('rules.escalation.levelLegend', {
          rank: index,
          name: localName(level.names, locale) || t('rules.escalation.newLevel'),
        });
        return (
          <fieldset key={level.key} className="rules-level">
            <legend>{title}</legend>
            <NamesFields
              idPrefix={id}
              names={level.names}
              onChange={(names) => update(index, { names })}
              invalid={at}
              requireAll
            />
            <CheckList
              idPrefix={`${id}-roles`}
              legend={t('rules.escalation.roles')}
              hint={t('rules.escalation.rolesHint')}
              options={Roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              selected={level.roles}
              onChange={(roles) => update(index, { roles })}
              error={at('roles') ? t('rules.escalation.rolesInvalid') : undefined}
            />
            {teams.length > 0 && (
              <div className="field">
                <label htmlFor={`${id}-team`}>{t('rules.escalation.team')}</label>
                <select
                  id={`${id}-team`}
                  value={level.teamId}
                  onChange={(event) => update(index, { teamId: event.target.value })}
                >
                  <option value="">{t('rules.escalation.noTeam')}</option>
                  {teams.map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="rules-inline">
              <TextField
                id={`${id}-max`}
                label={t('rules.escalation.maxCompensation')}
                hint={t('rules.escalation.maxHint')}
                inputMode="decimal"
                value={level.maxAmount}
                onChange={(maxAmount) => update(index, { maxAmount })}
                error={
                  at('maxCompensation') || unreadable.includes(level.key) ? t('rules.escalation.maxInvalid') : undefined
                }
              />
              <TextField
                id={`${id}-currency`}
                label={t('rules.escalation.currency')}
                hint={t('rules.escalation.currencyHint')}
                value={level.currency}
                maxLength={3}
                autoCapitalize="characters"
                spellCheck={false}
                onChange={(currency) => update(index, { currency })}
                error={at('currency') ? t('rules.escalation.currencyInvalid') : undefined}
              />
              <TextField
                id={`${id}-response`}
                label={t('rules.escalation.responseHours')}
                type="number"
                min={0}
                step="any"
                value={level.responseHours}
                onChange={(responseHours) => update(index, { responseHours })}
                error={at('responseMinutes') ? t('rules.escalation.responseInvalid') : undefined}
              />
            </div>
            <CheckList
              idPrefix={`${id}-remedies`}
              legend={t('rules.escalation.remedies')}
              options={CompensationKinds.map((kind) => ({
                value: kind,
                label: t(`rules.escalation.remedyKinds.${kind}`),
              }))}
              selected={level.remedies}
              onChange={(remedies) => update(index, { remedies })}
              error={at('remedies') ? t('rules.common.checkField') : undefined}
            />
            {inputs.length > 1 && (
              <button
                type="button"
                className="button-quiet"
                onClick={() => setInputs(inputs.filter((_, i) => i !== index))}
              >
                {t('rules.escalation.removeLevel', {
                  name: localName(level.names, locale) || t('rules.escalation.newLevel'),
                })}
              </button>
            )}
          </fieldset>
        );
      })}
      <div className="rules-actions">
        <button
          type="button"
          className="button-quiet"
          onClick={() => setInputs([...inputs, blankLevel(inputs.at(-1)?.currency ?? '')])}
        >
          {t('rules.escalation.addLevel')}
        </button>
        <button type="submit" className="button-primary rules-button" disabled={busy}>
          {busy ? t('rules.common.saving') : t('rules.escalation.saveLadder')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
};
