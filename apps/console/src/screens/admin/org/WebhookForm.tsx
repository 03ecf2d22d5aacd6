import { ALL_EVENTS, EVENT_TYPES, type CreateWebhookBody, type WebhookCreatedDto } from '@redress/contract';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from './admin-api.ts';
import { Field, FormAlert, useProblemWords, useSubmit } from './admin-ui.tsx';

const FIELDS = { url: 'url', eventTypes: 'eventTypes' } as const;

/** The event catalogue grouped by subject (`case.created` → `case`), in catalogue order. */
const EVENT_GROUPS: [string, string[]][] = [
  ...EVENT_TYPES.reduce((groups, type) => {
    const subject = type.slice(0, type.indexOf('.'));
    groups.set(subject, [...(groups.get(subject) ?? []), type]);
    return groups;
  }, new Map<string, string[]>()),
];

/**
 * Subscribes a URL to all events or to chosen ones. The answer carries the signing secret, which
 * is handed to `onCreated` to be shown once.
 */
export const WebhookForm = ({ onCreated }: { onCreated: (created: WebhookCreatedDto) => void }) => {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [noneChosen, setNoneChosen] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const { pending, error, problems, run } = useSubmit(FIELDS, formRef);
  const words = useProblemWords();
  const eventsErrorId = useId();

  const eventsError = noneChosen
    ? t('admin.webhooks.eventsRequired')
    : words(problems.eventTypes, {
        invalid: t('admin.webhooks.unknownEvent'),
        required: t('admin.webhooks.eventsRequired'),
      });

  const toggle = (type: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(type);
      else next.delete(type);
      return next;
    });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const eventTypes = all ? [ALL_EVENTS] : EVENT_TYPES.filter((type) => chosen.has(type));
    setNoneChosen(eventTypes.length === 0);
    if (eventTypes.length === 0) {
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    await run(async () => {
      const body: CreateWebhookBody = { url: url.trim(), eventTypes };
      onCreated(await adminApi.post<WebhookCreatedDto>('/webhooks', body));
      setUrl('');
      setAll(true);
      setChosen(new Set());
    });
  };

  return (
    <form ref={formRef} className="admin-form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h3>{t('admin.webhooks.addTitle')}</h3>
      <FormAlert error={error} />
      <Field
        label={t('admin.webhooks.url')}
        hint={t('admin.webhooks.urlHint')}
        error={words(problems.url, { invalid: t('admin.webhooks.urlInvalid') })}
      >
        {(control) => (
          <input
            {...control}
            type="url"
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
          />
        )}
      </Field>
      <fieldset className={eventsError ? 'field-invalid' : undefined}>
        <legend>{t('admin.webhooks.chooseEvents')}</legend>
        {eventsError && (
          <p id={eventsErrorId} className="field-error">
            {eventsError}
          </p>
        )}
        <label className="check-row">
          <input
            type="checkbox"
            checked={all}
            onChange={(event) => setAll(event.target.checked)}
            aria-invalid={eventsError ? true : undefined}
            aria-describedby={eventsError ? eventsErrorId : undefined}
          />
          {t('admin.webhooks.allEvents')}
        </label>
        {!all && (
          <div className="event-groups">
            {EVENT_GROUPS.flatMap(([, types]) =>
              types.map((type) => (
                <label key={type}>
                  <input
                    type="checkbox"
                    checked={chosen.has(type)}
                    onChange={(event) => toggle(type, event.target.checked)}
                  />
                  <code>{type}</code>
                </label>
              )),
            )}
          </div>
        )}
      </fieldset>
      <button type="submit" className="button-action" disabled={pending}>
        {pending ? t('admin.common.saving') : t('admin.webhooks.create')}
      </button>
    </form>
  );
};
