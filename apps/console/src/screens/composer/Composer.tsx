import type { CaseDto, CoachSpanDto, CommitmentDto, TaskDto } from '@redress/contract';
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../preferences-context.tsx';
import { BestAnswers } from './BestAnswers.tsx';
import { CoachFindings } from './CoachFindings.tsx';
import { customerAddress, customerNameOf, replyRoute, saveDraft } from './composer-api.ts';
import { describeComposerError, type ComposerMessage } from './composer-errors.ts';
import { composerKeyAction } from './composer-keys.ts';
import { appendLine, insertBlock, locateSpan, prependGreeting, replaceSpan, type Edited } from './composer-text.ts';
import { PromiseForm, type PromiseDraft } from './PromiseForm.tsx';
import { useReplyCoach } from './use-coach.ts';
import { useStoredDraft } from './use-draft.ts';
import './composer.css';

/** The longest reply or note the server takes (`SendCaseEmailBody`, `NoteBody`), in characters. */
const MAX_REPLY_CHARS = 20_000;

export interface ComposerProps {
  /** The case being answered: id, ref, category, language and the customer's name. */
  caseDto: CaseDto;
  /** The case's internal tasks, so a promise can name the ones it depends on. */
  tasks: readonly TaskDto[];
  /** Called after a reply, note or commitment is saved, so the case page reads itself again. */
  onSaved: () => void;
}

/**
 * Where the agent writes to the customer or adds an internal note: best answers for the category,
 * the reply coach's findings as the agent pauses, and promises turned into commitments. Ctrl+Enter
 * (Cmd+Enter) sends; Enter is a new line, and no key sends while an input method is composing.
 * The draft survives a reload (`sessionStorage`, per case).
 */
export const Composer = ({ caseDto, tasks, onSaved }: ComposerProps) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const ids = { title: useId(), draft: useId(), hint: useId() };
  const { text, mode, setText, setMode } = useStoredDraft(caseDto.id);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const latestText = useRef(text);
  latestText.current = text;
  const composingRef = useRef(false);
  const [composing, setComposing] = useState(false);
  const [coachGeneration, setCoachGeneration] = useState(0);
  const coach = useReplyCoach(caseDto.id, text, {
    enabled: mode === 'reply',
    paused: composing,
    generation: coachGeneration,
  });
  const [promise, setPromise] = useState<{ draft: PromiseDraft; key: number } | null>(null);
  const [status, setStatus] = useState<ComposerMessage | null>(null);
  const [error, setError] = useState<ComposerMessage | null>(null);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const pendingSelection = useRef<{ start: number; end: number } | null>(null);

  const name = customerNameOf(caseDto);
  const route = replyRoute(caseDto);
  const address = customerAddress(caseDto);

  // After an edit made by a button (a best answer, a suggestion), put the cursor where it belongs.
  useLayoutEffect(() => {
    const selection = pendingSelection.current;
    const area = textareaRef.current;
    if (selection === null || area === null) return;
    pendingSelection.current = null;
    area.focus();
    area.setSelectionRange(selection.start, selection.end);
  }, [text]);

  const select = (start: number, end: number) => {
    const area = textareaRef.current;
    if (area === null) return;
    area.focus();
    area.setSelectionRange(start, end);
  };

  const apply = (edited: Edited | undefined) => {
    if (edited === undefined) {
      setError({ key: 'composer.coach.wordsGone' });
      return;
    }
    setError(null);
    setStatus(null);
    pendingSelection.current = { start: edited.cursor, end: edited.cursor };
    setText(edited.text);
  };

  const insertAnswer = (body: string) => {
    const area = textareaRef.current;
    const start = area?.selectionStart ?? text.length;
    const end = area?.selectionEnd ?? start;
    apply(insertBlock(text, start, end, body));
  };

  const showSpan = (span: CoachSpanDto) => {
    const at = locateSpan(text, span);
    if (at === undefined) setError({ key: 'composer.coach.wordsGone' });
    else select(at.start, at.end);
  };

  const send = async () => {
    if (sendingRef.current) return;
    const sent = text;
    if (sent.trim() === '') {
      setError({ key: 'composer.empty' });
      textareaRef.current?.focus();
      return;
    }
    sendingRef.current = true;
    setSending(true);
    setError(null);
    setStatus(null);
    try {
      await saveDraft(caseDto, mode, sent.trim());
      // Words typed while the save was on its way stay.
      if (latestText.current === sent) setText('');
      setStatus(
        mode === 'note'
          ? { key: 'composer.sentNote' }
          : route === 'email'
            ? { key: 'composer.sentEmail', values: { name } }
            : { key: 'composer.sentMessage' },
      );
      onSaved();
    } catch (failure) {
      setError(describeComposerError(failure));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const action = composerKeyAction({
      key: event.key,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      altKey: event.altKey,
      isComposing: event.nativeEvent.isComposing,
      keyCode: event.keyCode,
      composing: composingRef.current,
    });
    if (action === 'send') {
      event.preventDefault();
      void send();
    }
  };

  const openPromise = (draft: PromiseDraft) => setPromise((previous) => ({ draft, key: (previous?.key ?? 0) + 1 }));

  const promiseRecorded = (made: CommitmentDto) => {
    setPromise(null);
    setStatus({ key: 'composer.promise.recorded', values: { when: formatDate(made.dueAt, { style: 'dateTime' }) } });
    setCoachGeneration((n) => n + 1);
    onSaved();
  };

  const sendLabel =
    mode === 'note' ? 'composer.sendNote' : route === 'email' ? 'composer.sendEmail' : 'composer.sendMessage';

  return (
    <section className="composer" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t('composer.label')}</h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <fieldset className="composer-modes">
          <legend>{t('composer.modeLegend')}</legend>
          <label className="composer-mode">
            <input
              type="radio"
              name={`${ids.title}-mode`}
              checked={mode === 'reply'}
              onChange={() => setMode('reply')}
            />
            <span>
              {t('composer.modeReply', { name })}
              <span className="composer-mode-hint">
                {address === undefined
                  ? t('composer.modeReplyMessage', { name })
                  : t('composer.modeReplyEmail', { address })}
              </span>
            </span>
          </label>
          <label className="composer-mode">
            <input type="radio" name={`${ids.title}-mode`} checked={mode === 'note'} onChange={() => setMode('note')} />
            <span>
              {t('composer.modeNote')}
              <span className="composer-mode-hint">{t('composer.modeNoteHint')}</span>
            </span>
          </label>
        </fieldset>

        {mode === 'reply' && <BestAnswers caseDto={caseDto} onPick={insertAnswer} />}

        <div className="field composer-draft">
          <label htmlFor={ids.draft}>
            {mode === 'reply' ? t('composer.draftLabelReply', { name }) : t('composer.draftLabelNote')}
          </label>
          <textarea
            id={ids.draft}
            ref={textareaRef}
            rows={8}
            maxLength={MAX_REPLY_CHARS}
            value={text}
            aria-describedby={ids.hint}
            onChange={(event) => {
              setStatus(null);
              setText(event.target.value);
            }}
            onKeyDown={onKeyDown}
            onCompositionStart={() => {
              composingRef.current = true;
              setComposing(true);
            }}
            onCompositionEnd={() => {
              composingRef.current = false;
              setComposing(false);
            }}
          />
          <p id={ids.hint} className="muted composer-hint">
            {t('composer.keysHint')}
          </p>
        </div>

        {mode === 'reply' && (
          <CoachFindings
            coach={coach}
            onGreeting={(greeting) => apply(prependGreeting(text, greeting))}
            onNextStep={(line) => apply(appendLine(text, line))}
            onRephrase={(span, replacement) => apply(replaceSpan(text, span, replacement))}
            onPromise={(promiseText, dueAt) => openPromise({ text: promiseText, dueAt })}
            onShowSpan={showSpan}
          />
        )}

        <div className="composer-actions">
          <button type="submit" className="button-primary" disabled={sending}>
            {sending ? t('composer.sending') : t(sendLabel)}
          </button>
          {promise === null && (
            <button type="button" className="button-quiet" onClick={() => openPromise({ text: '', dueAt: null })}>
              {t('composer.addPromise')}
            </button>
          )}
        </div>
        {error !== null && (
          <p className="composer-error" role="alert">
            {t(error.key, error.values)}
          </p>
        )}
      </form>

      {promise !== null && (
        <PromiseForm
          key={promise.key}
          caseDto={caseDto}
          tasks={tasks}
          initial={promise.draft}
          onRecorded={promiseRecorded}
          onCancel={() => setPromise(null)}
        />
      )}

      <p className="composer-status" role="status">
        {status === null ? null : t(status.key, status.values)}
      </p>
    </section>
  );
};
