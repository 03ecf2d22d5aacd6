import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json } from '../../test/harness.tsx';
import { draftStorageKey } from './use-draft.ts';
import {
  bodyOf,
  buildCase,
  CASE_PATH,
  draftArea,
  quietServer,
  renderComposer,
  SLOW_TEST,
} from './composer-test-kit.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const EMAILS = `POST ${CASE_PATH}/emails`;
const accepted = () => json(202, { id: 'eml_1' });

/** Lets any request a handler started reach the fake server, so "nothing was posted" is a real finding. */
const settle = () => act(async () => {});

describe('the composer and input methods', SLOW_TEST, () => {
  it('never sends on an Enter that confirms a Chinese or Thai candidate, and sends once on Ctrl+Enter after', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({ ...quietServer, [EMAILS]: accepted });
    const { onSaved } = renderComposer();
    const area = draftArea();
    await user.type(area, '陳小姐您好，');

    // A Zhuyin / Pinyin composition: the candidate is confirmed with Enter, Ctrl held or not.
    fireEvent.compositionStart(area, { data: '' });
    fireEvent.keyDown(area, { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true });
    fireEvent.keyDown(area, { key: 'Enter', code: 'Enter', keyCode: 13, ctrlKey: true });
    fireEvent.keyDown(area, { key: 'Enter', code: 'Enter', keyCode: 13, metaKey: true });
    // Safari: the composition ends first, then the Enter arrives with key code 229.
    fireEvent.compositionEnd(area, { data: '退款' });
    fireEvent.keyDown(area, { key: 'Enter', code: 'Enter', keyCode: 229, ctrlKey: true });
    // Chrome outside our own tracking: the event itself says it is composing.
    fireEvent.keyDown(area, { key: 'Enter', code: 'Enter', keyCode: 13, ctrlKey: true, isComposing: true });
    await settle();
    expect(callsTo(EMAILS)).toHaveLength(0);

    // A Thai composition ends; now Ctrl+Enter sends, once.
    fireEvent.compositionStart(area, { data: '' });
    fireEvent.compositionEnd(area, { data: 'ค่ะ' });
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(callsTo(EMAILS)).toHaveLength(1));
    expect(bodyOf(callsTo(EMAILS)[0])).toEqual({ body: '陳小姐您好，' });
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Your reply is on its way to 陳小姐.');
    expect(onSaved).toHaveBeenCalledTimes(1);
  });

  it('makes plain Enter a new line and never a send', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({ ...quietServer, [EMAILS]: accepted });
    renderComposer();
    const area = draftArea();
    await user.type(area, 'Line one{Enter}Line two{Shift>}{Enter}{/Shift}Line three');
    await settle();
    expect(area.value).toBe('Line one\nLine two\nLine three');
    expect(callsTo(EMAILS)).toHaveLength(0);
  });

  it('sends with Cmd+Enter too, and not twice when the keys are pressed twice quickly', async () => {
    const user = userEvent.setup();
    let release: () => void = () => {};
    const { callsTo } = fakeServer({
      ...quietServer,
      [EMAILS]: () => new Promise((resolve) => (release = () => resolve(accepted()))),
    });
    renderComposer();
    await user.type(draftArea(), 'We will refund you.');
    await user.keyboard('{Meta>}{Enter}{/Meta}');
    await user.keyboard('{Meta>}{Enter}{/Meta}');
    await settle();
    expect(callsTo(EMAILS)).toHaveLength(1);
    release();
    await waitFor(() => expect(draftArea().value).toBe(''));
  });
});

describe('saving what the agent wrote', SLOW_TEST, () => {
  it('e-mails a reply to a customer with an address and clears the draft', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({ ...quietServer, [EMAILS]: accepted });
    const { onSaved } = renderComposer();
    expect(screen.getByText('Sent by e-mail to chen@example.com')).toBeDefined();
    await user.type(draftArea(), '  陳小姐您好，退款已處理。  ');
    await user.click(screen.getByRole('button', { name: 'Send the e-mail' }));
    await waitFor(() => expect(callsTo(EMAILS)).toHaveLength(1));
    expect(bodyOf(callsTo(EMAILS)[0])).toEqual({ body: '陳小姐您好，退款已處理。' });
    await waitFor(() => expect(draftArea().value).toBe(''));
    expect(sessionStorage.getItem(draftStorageKey('case_01MANGO'))).toBeNull();
    expect(onSaved).toHaveBeenCalledTimes(1);
  });

  it('records the reply as an outbound message when the customer has no e-mail address', async () => {
    const user = userEvent.setup();
    const messages = `POST ${CASE_PATH}/messages`;
    const { callsTo } = fakeServer({ ...quietServer, [messages]: () => json(200, buildCase()) });
    const caseDto = buildCase({ channel: 'phone', customer: { ...buildCase().customer, emails: [] } });
    renderComposer({ caseDto });
    expect(screen.getByText(/No e-mail address for 陳小姐/)).toBeDefined();
    await user.type(draftArea(), 'I called back and explained the refund.');
    await user.click(screen.getByRole('button', { name: 'Record the reply' }));
    await waitFor(() => expect(callsTo(messages)).toHaveLength(1));
    expect(bodyOf(callsTo(messages)[0])).toEqual({
      direction: 'outbound',
      body: 'I called back and explained the refund.',
      channel: 'phone',
    });
    expect(await screen.findByText('Your reply is recorded on the case.')).toBeDefined();
  });

  it('adds an internal note, without the coach or best answers', async () => {
    const user = userEvent.setup();
    const notes = `POST ${CASE_PATH}/notes`;
    const { callsTo } = fakeServer({ ...quietServer, [notes]: () => json(200, buildCase()) });
    renderComposer();
    await user.click(screen.getByRole('radio', { name: /An internal note/ }));
    expect(screen.queryByRole('heading', { name: 'Reply coach' })).toBeNull();
    await user.type(draftArea(/Your internal note/), 'Warehouse says the batch was stored warm.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(callsTo(notes)).toHaveLength(1));
    expect(bodyOf(callsTo(notes)[0])).toEqual({ body: 'Warehouse says the batch was stored warm.' });
    expect(await screen.findByText('Your note is added to the case.')).toBeDefined();
    expect(callsTo('POST /api/v1/replies/check')).toHaveLength(0);
  });

  it('says in words why a save failed and keeps the draft', async () => {
    const user = userEvent.setup();
    fakeServer({
      ...quietServer,
      [EMAILS]: () => json(409, { error: { code: 'invalid_transition', message: 'Case closed' } }),
    });
    const { onSaved } = renderComposer();
    await user.type(draftArea(), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Send the e-mail' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The case is closed: nothing new can be added to it.');
    expect(draftArea().value).toBe('Hello');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('asks for words before sending an empty draft', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer(quietServer);
    renderComposer();
    await user.click(screen.getByRole('button', { name: 'Send the e-mail' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Write something first.');
    expect(callsTo(EMAILS)).toHaveLength(0);
  });

  it('keeps the draft and its kind across a reload of the page', async () => {
    const user = userEvent.setup();
    fakeServer(quietServer);
    const first = renderComposer();
    await user.click(screen.getByRole('radio', { name: /An internal note/ }));
    await user.type(draftArea(/Your internal note/), 'Call the warehouse');
    first.unmount();

    renderComposer();
    expect(screen.getByRole('radio', { name: /An internal note/ })).toHaveProperty('checked', true);
    expect(draftArea(/Your internal note/).value).toBe('Call the warehouse');
  });
});
