import { useTranslation } from 'react-i18next';
import { FORM_UNITS, type FormUnit, type TargetInput } from './policy-words.ts';
import { FieldError } from './rules-ui.tsx';

/** One target: how much and in which unit, or none. */
export const TargetField = ({
  id,
  label,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  value: TargetInput;
  onChange: (value: TargetInput) => void;
  error: string | undefined;
}) => {
  const { t } = useTranslation();
  const errorId = `${id}-error`;
  return (
    <fieldset className={`rules-target${error ? ' field-invalid' : ''}`} aria-describedby={error ? errorId : undefined}>
      <legend>{label}</legend>
      <FieldError id={errorId} message={error} />
      <div className="rules-inline">
        <div className="field">
          <label htmlFor={`${id}-amount`}>{t('rules.targets.amount')}</label>
          <input
            id={`${id}-amount`}
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            value={value.amount}
            disabled={value.unit === 'off'}
            aria-invalid={error ? true : undefined}
            onChange={(event) => onChange({ ...value, amount: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t('rules.targets.unit')}</label>
          <select
            id={`${id}-unit`}
            value={value.unit}
            onChange={(event) => onChange({ ...value, unit: event.target.value as FormUnit })}
          >
            {FORM_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {t(`rules.targets.units.${unit}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  );
};
