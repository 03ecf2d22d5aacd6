import {
  ClockKinds,
  EscalationSignals,
  TriggerKinds,
  type LadderLevelDto,
  type TriggerBody,
  type TriggerDto,
  type TriggerKind,
  type TriggersDto,
} from '@redress/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api.ts';
import { useLocale } from '../../../preferences-context.tsx';
import { CheckList, FormProblem, TextField, localName, useSubmit } from './rules-ui.tsx';

interface TriggerInput {
  key: string;
  kind: TriggerKind;
  enabled: boolean;
  clockKinds: string[];
  signals: string[];
  count: string;
  maxScore: string;
  toRank: string;
}

const toInput = (trigger: TriggerDto): TriggerInput => ({
  key: trigger.id,
  kind: trigger.kind,
  enabled: trigger.enabled,
  clockKinds: [...(trigger.settings.clockKinds ?? [])],
  signals: [...(trigger.settings.signals ?? [])],
  count: trigger.settings.count === undefined ? '' : String(trigger.settings.count),
  maxScore: trigger.settings.maxScore === undefined ? '' : String(trigger.settings.maxScore),
  toRank: trigger.toRank === null ? '' : String(trigger.toRank),
});

/** Only the settings the kind uses are sent. */
const toBody = (input: TriggerInput): TriggerBody => {
  const settings: TriggerBody['settings'] = {};
  if (input.kind === 'clock_warning' || input.kind === 'clock_breach') {
    settings.clockKinds = input.clockKinds as NonNullable<TriggerBody['settings']['clockKinds']>;
  }
  if (input.kind === 'signal') settings.signals = input.signals as NonNullable<TriggerBody['settings']['signals']>;
  if ((input.kind === 'repeat_contact' || input.kind === 'negotiation_rounds') && input.count.trim()) {
    settings.count = Number(input.count);
  }
  if (input.kind === 'poor_survey' && input.maxScore.trim()) settings.maxScore = Number(input.maxScore);
  return {
    kind: input.kind,
    enabled: input.enabled,
    settings,
    toRank: input.toRank === '' ? null : Number(input.toRank),
  };
};

let fresh = 0;

/**
 * What makes a case climb on its own (article 004): each trigger on or off, what it watches
 * (clocks, signals in the customer's words, how many contacts or rounds, a poor survey score), and
 * how high it sends the case. Saved all at once.
 */
export const TriggersForm = ({
  triggers,
  levels,
  onSaved,
}: {
  triggers: readonly TriggerDto[];
  levels: readonly LadderLevelDto[];
  onSaved: (triggers: TriggerDto[]) => void;
}) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const { busy, failure, submit, invalid, formRef } = useSubmit();
  const [inputs, setInputs] = useState<TriggerInput[]>(() => triggers.map(toInput));
  const [newKind, setNewKind] = useState<TriggerKind>('signal');
  const update = (index: number, change: Partial<TriggerInput>) =>
    setInputs(inputs.map((input, i) => (i === index ? { ...input, ...change } : input)));

  const onSubmit = async () => {
    const saved = await submit(() =>
      apiRequest<TriggersDto>('/api/v1/escalation/triggers', {
        method: 'PUT',
        body: { triggers: inputs.map(toBody) },
      }),
    );
    if (saved) onSaved(saved.triggers);
  };

  return (
    <form
      ref={formRef}
      className="rules-form"
      aria-labelledby="esc-triggers-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h3 id="esc-triggers-title">{t('rules.escalation.triggersTitle')}</h3>
      <p className="rules-hint">{t('rules.escalation.triggersIntro')}</p>
      <FormProblem failure={failure} />
      {inputs.map((trigger, index) => {
        const id = `trg-${trigger.key}`;
        const at = (path: string) => invalid(`triggers/${index}/${path}`);
        const kindName = t(`rules.escalation.triggerKinds.${trigger.kind}`);
        return (
          <fieldset key={trigger.key} className="rules-level">
            <legend>{kindName}</legend>
            <label className="rules-check" htmlFor={`${id}-on`}>
              <input
                id={`${id}-on`}
                type="checkbox"
                checked={trigger.enabled}
                onChange={(event) => update(index, { enabled: event.target.checked })}
              />
              {t('rules.escalation.triggerOn')}
            </label>
            {(trigger.kind === 'clock_warning' || trigger.kind === 'clock_breach') && (
              <CheckList
                idPrefix={`${id}-clocks`}
                legend={t('rules.escalation.clocks')}
                options={ClockKinds.map((kind) => ({ value: kind, label: t(`rules.escalation.clockKinds.${kind}`) }))}
                selected={trigger.clockKinds}
                onChange={(clockKinds) => update(index, { clockKinds })}
                error={at('settings/clockKinds') ? t('rules.escalation.pickOne') : undefined}
              />
            )}
            {trigger.kind === 'signal' && (
              <CheckList
                idPrefix={`${id}-signals`}
                legend={t('rules.escalation.signals')}
                options={EscalationSignals.map((signal) => ({
                  value: signal,
                  label: t(`rules.escalation.signalKinds.${signal}`),
                }))}
                selected={trigger.signals}
                onChange={(signals) => update(index, { signals })}
                error={at('settings/signals') ? t('rules.escalation.pickOne') : undefined}
              />
            )}
            {(trigger.kind === 'repeat_contact' || trigger.kind === 'negotiation_rounds') && (
              <TextField
                id={`${id}-count`}
                label={t(`rules.escalation.countLabel.${trigger.kind}`)}
                type="number"
                min={1}
                value={trigger.count}
                onChange={(count) => update(index, { count })}
                error={at('settings/count') ? t('rules.escalation.countInvalid') : undefined}
              />
            )}
            {trigger.kind === 'poor_survey' && (
              <TextField
                id={`${id}-score`}
                label={t('rules.escalation.maxScore')}
                hint={t('rules.escalation.maxScoreHint')}
                type="number"
                min={0}
                max={10}
                value={trigger.maxScore}
                onChange={(maxScore) => update(index, { maxScore })}
                error={at('settings/maxScore') ? t('rules.escalation.maxScoreInvalid') : undefined}
              />
            )}
            <div className="field">
              <label htmlFor={`${id}-to`}>{t('rules.escalation.toRank')}</label>
              <select
                id={`${id}-to`}
                value={trigger.toRank}
                onChange={(event) => update(index, { toRank: event.target.value })}
                aria-invalid={at('toRank') ? true : undefined}
              >
                <option value="">{t('rules.escalation.nextLevel')}</option>
                {levels.map((level) => (
                  <option key={level.id} value={level.rank}>
                    {t('rules.escalation.levelLegend', { rank: level.rank, name: localName(level.names, locale) })}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="button-quiet"
              onClick={() => setInputs(inputs.filter((_, i) => i !== index))}
            >
              {t('rules.escalation.removeTrigger', { name: kindName })}
            </button>
          </fieldset>
        );
      })}
      <div className="rules-inline">
        <div className="field">
          <label htmlFor="trg-new-kind">{t('rules.escalation.newTriggerKind')}</label>
          <select id="trg-new-kind" value={newKind} onChange={(event) => setNewKind(event.target.value as TriggerKind)}>
            {TriggerKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`rules.escalation.triggerKinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <button
            type="button"
            className="button-quiet"
            onClick={() =>
              setInputs([
                ...inputs,
                {
                  key: `new-${(fresh += 1)}`,
                  kind: newKind,
                  enabled: true,
                  clockKinds: [],
                  signals: [],
                  count: '3',
                  maxScore: '2',
                  toRank: '',
                },
              ])
            }
          >
            {t('rules.escalation.addTrigger')}
          </button>
        </div>
      </div>
      <button type="submit" className="button-primary rules-button" disabled={busy}>
        {busy ? t('rules.common.saving') : t('rules.escalation.saveTriggers')}
      </button>
    </form>
  );
};
