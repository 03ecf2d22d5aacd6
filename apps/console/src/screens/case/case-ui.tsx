import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Load } from '../../hooks/use-load.ts';
import { describeCaseError, type CaseErrorMessage } from './case-errors.ts';

/** One panel of the case page: a landmark `section` named by its `h2`. */
export const Panel = ({
  id,
  title,
  children,
  className,
}: {
  id: string;
  title: ReactNode;
  children: ReactNode;
  className?: string;
}) => (
  <section className={`case-panel${className ? ` ${className}` : ''}`} aria-labelledby={`${id}-title`}>
    <h2 id={`${id}-title`}>{title}</h2>
    {children}
  </section>
);

/** A failure in words, announced when it appears. */
export const ErrorText = ({ error }: { error: CaseErrorMessage | null }) => {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="alert case-alert" role="alert">
      {t(error.key, error.values)}
    </p>
  );
};

/**
 * What a panel has read: "loading…", its own error with a retry (the rest of the page still shows),
 * or the value handed to `children`.
 */
export const LoadView = <T,>({
  load,
  onRetry,
  children,
}: {
  load: Load<T>;
  onRetry: () => void;
  children: (value: T) => ReactNode;
}) => {
  const { t } = useTranslation();
  if (load.state === 'loading') {
    return (
      <p className="muted" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (load.state === 'failed') {
    return (
      <div className="case-panel-error">
        <ErrorText error={load.error} />
        <button type="button" className="button-quiet" onClick={onRetry}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  return <>{children(load.value)}</>;
};

/**
 * Runs one change against the server: busy while it runs, the failure in words, and `onDone`
 * (usually "read the case again") after it succeeded. `run` resolves to whether it succeeded.
 */
export const useAction = (onDone: () => void) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CaseErrorMessage | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const run = useCallback(
    async (work: () => Promise<unknown>): Promise<boolean> => {
      setBusy(true);
      setError(null);
      setFailure(null);
      try {
        await work();
        onDone();
        return true;
      } catch (caught) {
        setError(describeCaseError(caught));
        setFailure(caught);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [onDone],
  );
  return { busy, error, failure, run, setError };
};

/** A `datetime-local` value (the reader's zone) as an ISO instant, or `null` when empty or invalid. */
export const localInputToIso = (value: string): string | null => {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/** An instant as a `datetime-local` value in the reader's zone, to prefill a time field. */
export const isoToLocalInput = (value: Date | string): string => {
  const date = typeof value === 'string' ? new Date(value) : value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/** How many minor units make one major unit of `currency` (100 for TWD, 1 for JPY). */
export const minorUnitsPerMajor = (currency: string): number => {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
    return 10 ** (digits ?? 2);
  } catch {
    return 100;
  }
};

/** An amount in minor units as money in the reader's language, e.g. `NT$1,200.00`. */
export const formatMoney = (amount: number, currency: string, locale: string): string => {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount / minorUnitsPerMajor(currency));
  } catch {
    return `${new Intl.NumberFormat(locale).format(amount / 100)} ${currency}`;
  }
};
