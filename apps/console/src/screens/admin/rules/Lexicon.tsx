import {
  EscalationSignals,
  LexiconEntryKinds,
  LexiconLanguages,
  type EscalationSignal,
  type LexiconDto,
  type LexiconEntryDto,
} from '@redress/contract';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api.ts';
import { useCan } from '../../../auth/permissions.ts';
import { formatNumber } from '../../../format.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { useFormatDate, useLocale } from '../../../preferences-context.tsx';
import { Announcer, ConfirmInline, FormProblem, TextField, failureOf, useSubmit, type Failure } from './rules-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';
import './rules.css';

type LexiconLanguage = (typeof LexiconLanguages)[number];
type EntryKind = (typeof LexiconEntryKinds)[number];

/** Adds a phrase (or a checked pattern) that shows a signal in a customer's words. */
const EntryForm = ({ onSaved }: { onSaved: (entry: LexiconEntryDto) => void }) => {
  const { t } = useTranslation();
  const { busy, failure, submit, invalid, formRef } = useSubmit();
  const [signal, setSignal] = useState<EscalationSignal>('anger');
  const [language, setLanguage] = useState<LexiconLanguage>('zh');
  const [kind, setKind] = useState<EntryKind>('phrase');
  const [text, setText] = useState('');
  const [negatable, setNegatable] = useState(true);
  const [confidence, setConfidence] = useState('80');
  const onSubmit = async () => {
    const saved = await submit(() =>
      apiRequest<LexiconEntryDto>('/api/v1/language/lexicon', {
        method: 'POST',
        body: { signal, language, kind, text: text.trim(), negatable, confidence: Number(confidence) / 100 },
      }),
    );
    if (saved) {
      setText('');
      onSaved(saved);
    }
  };
  return (
    <form
      ref={formRef}
      className="rules-form"
      aria-label={t('rules.lexicon.addTitle')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h3>{t('rules.lexicon.addTitle')}</h3>
      <FormProblem failure={failure} />
      <div className="rules-inline">
        <div className="field">
          <label htmlFor="lex-signal">{t('rules.lexicon.signal')}</label>
          <select
            id="lex-signal"
            value={signal}
            onChange={(event) => setSignal(event.target.value as EscalationSignal)}
          >
            {EscalationSignals.map((value) => (
              <option key={value} value={value}>
                {t(`rules.escalation.signalKinds.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lex-language">{t('rules.lexicon.language')}</label>
          <select
            id="lex-language"
            value={language}
            onChange={(event) => setLanguage(event.target.value as LexiconLanguage)}
          >
            {LexiconLanguages.map((value) => (
              <option key={value} value={value}>
                {t(`rules.lexicon.languages.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="rules-checks">
        <legend>{t('rules.lexicon.kind')}</legend>
        {LexiconEntryKinds.map((value) => (
          <label key={value} htmlFor={`lex-kind-${value}`}>
            <input
              id={`lex-kind-${value}`}
              type="radio"
              name="lex-kind"
              value={value}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
            {t(`rules.lexicon.kinds.${value}`)}
          </label>
        ))}
      </fieldset>
      <TextField
        id="lex-text"
        label={t('rules.lexicon.text')}
        hint={t(kind === 'phrase' ? 'rules.lexicon.phraseHint' : 'rules.lexicon.patternHint')}
        value={text}
        onChange={setText}
        required
        maxLength={200}
        lang={language === 'zh' ? 'zh' : language}
        error={invalid('text') ? t('rules.lexicon.textInvalid') : undefined}
      />
      <label className="rules-check" htmlFor="lex-negatable">
        <input
          id="lex-negatable"
          type="checkbox"
          checked={negatable}
          onChange={(event) => setNegatable(event.target.checked)}
        />
        {t('rules.lexicon.negatable')}
      </label>
      <TextField
        id="lex-confidence"
        label={t('rules.lexicon.confidence')}
        hint={t('rules.lexicon.confidenceHint')}
        type="number"
        min={5}
        max={99}
        value={confidence}
        onChange={setConfidence}
        error={invalid('confidence') ? t('rules.lexicon.confidenceInvalid') : undefined}
      />
      <button type="submit" className="button-primary rules-button" disabled={busy}>
        {busy ? t('rules.common.saving') : t('rules.lexicon.add')}
      </button>
    </form>
  );
};

/**
 * The words behind the risk signals (pillar 4): how many built-in rules each signal has per
 * language, and the organisation's own phrases, which administrators add and remove.
 */
export const Lexicon = () => {
  const { t } = useTranslation();
  const locale = useLocale();
  const formatDate = useFormatDate();
  const canManage = useCan()('config:manage');
  const { load, reload } = useLoad(
    (signal) => apiRequest<LexiconDto>('/api/v1/language/lexicon', { signal }),
    'lexicon',
  );
  const [announcement, setAnnouncement] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeFailure, setRemoveFailure] = useState<Failure | null>(null);

  const remove = async (entry: LexiconEntryDto) => {
    setRemoveBusy(true);
    setRemoveFailure(null);
    try {
      await apiRequest(`/api/v1/language/lexicon/${entry.id}`, { method: 'DELETE' });
      setRemoving(null);
      setAnnouncement(t('rules.lexicon.removed', { text: entry.text }));
      reload();
    } catch (error) {
      setRemoveFailure(failureOf(error));
    } finally {
      setRemoveBusy(false);
    }
  };

  return (
    <div className="rules">
      <h2>{t('rules.lexicon.title')}</h2>
      <p className="muted">{t('rules.lexicon.intro')}</p>
      <Announcer message={announcement} />
      <FormProblem failure={removeFailure} />
      <Loaded load={load} retry={reload}>
        {({ builtIn, entries }) => {
          const count = (signal: string, language: string) =>
            (builtIn.find((row) => row.signal === signal && row.language === language)?.rules ?? 0) +
            entries.filter((entry) => entry.signal === signal && entry.language === language).length;
          return (
            <>
              <div className="rules-table-wrap">
                <table className="rules-table">
                  <caption>{t('rules.lexicon.coverage')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('rules.lexicon.signal')}</th>
                      {LexiconLanguages.map((language) => (
                        <th key={language} scope="col">
                          {t(`rules.lexicon.languages.${language}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {EscalationSignals.map((signal) => (
                      <tr key={signal}>
                        <th scope="row">{t(`rules.escalation.signalKinds.${signal}`)}</th>
                        {LexiconLanguages.map((language) => (
                          <td key={language}>{formatNumber(count(signal, language), locale)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <h3>{t('rules.lexicon.ownTitle')}</h3>
              {entries.length === 0 ? (
                <p>{t('rules.lexicon.empty')}</p>
              ) : (
                <div className="rules-table-wrap">
                  <table className="rules-table">
                    <caption className="visually-hidden">{t('rules.lexicon.ownTitle')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('rules.lexicon.text')}</th>
                        <th scope="col">{t('rules.lexicon.signal')}</th>
                        <th scope="col">{t('rules.lexicon.language')}</th>
                        <th scope="col">{t('rules.lexicon.confidence')}</th>
                        <th scope="col">{t('rules.lexicon.addedOn')}</th>
                        {canManage && <th scope="col">{t('rules.common.actions')}</th>}
                      </tr>
                    </thead>
                    <tbody>
                      {entries.map((entry) => (
                        <Fragment key={entry.id}>
                          <tr>
                            <th scope="row">
                              {entry.kind === 'pattern' ? <code>{entry.text}</code> : entry.text}
                              {!entry.negatable && <p className="rules-hint">{t('rules.lexicon.notNegatable')}</p>}
                            </th>
                            <td>{t(`rules.escalation.signalKinds.${entry.signal}`)}</td>
                            <td>{t(`rules.lexicon.languages.${entry.language}`)}</td>
                            <td>{formatNumber(entry.confidence, locale, { style: 'percent' })}</td>
                            <td>
                              {entry.createdBy
                                ? t('rules.bestAnswers.updatedBy', {
                                    date: formatDate(entry.createdAt),
                                    name: entry.createdBy,
                                  })
                                : formatDate(entry.createdAt)}
                            </td>
                            {canManage && (
                              <td>
                                <button type="button" className="button-quiet" onClick={() => setRemoving(entry.id)}>
                                  {t('rules.lexicon.remove')} <span className="visually-hidden">{entry.text}</span>
                                </button>
                              </td>
                            )}
                          </tr>
                          {removing === entry.id && (
                            <tr>
                              <td colSpan={6}>
                                <ConfirmInline
                                  question={t('rules.lexicon.removeQuestion', { text: entry.text })}
                                  confirmLabel={t('rules.lexicon.removeConfirm')}
                                  busy={removeBusy}
                                  onConfirm={() => void remove(entry)}
                                  onCancel={() => setRemoving(null)}
                                />
                              </td>
                            </tr>
                          )}
                        </Fragment>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {canManage && (
                <EntryForm
                  onSaved={(entry) => {
                    setAnnouncement(t('rules.lexicon.added', { text: entry.text }));
                    reload();
                  }}
                />
              )}
            </>
          );
        }}
      </Loaded>
    </div>
  );
};
