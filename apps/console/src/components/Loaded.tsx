import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Load } from '../hooks/use-load.ts';

/** Renders a `useLoad` result: a loading line, the failure in words with a retry, or the value. */
export const Loaded = <T,>({
  load,
  retry,
  children,
}: {
  load: Load<T>;
  retry: () => void;
  children: (value: T) => ReactNode;
}) => {
  const { t } = useTranslation();
  if (load.state === 'loading') return <p className="muted">{t('app.loading')}</p>;
  if (load.state === 'failed') {
    return (
      <div className="alert" role="alert">
        <p>{t(load.error.key, load.error.values)}</p>
        <button type="button" className="button-quiet" onClick={retry}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  return <>{children(load.value)}</>;
};
