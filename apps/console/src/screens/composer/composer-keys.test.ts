import { describe, expect, it } from 'vitest';
import { composerKeyAction, IME_KEY_CODE, type ComposerKeyPress } from './composer-keys.ts';

const press = (overrides: Partial<ComposerKeyPress>): ComposerKeyPress => ({
  key: 'Enter',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  isComposing: false,
  keyCode: 13,
  composing: false,
  ...overrides,
});

describe('composerKeyAction', () => {
  it('sends on Ctrl+Enter and Cmd+Enter', () => {
    expect(composerKeyAction(press({ ctrlKey: true }))).toBe('send');
    expect(composerKeyAction(press({ metaKey: true }))).toBe('send');
  });

  it('leaves plain and Shift+Enter to the text area as a new line', () => {
    expect(composerKeyAction(press({}))).toBe('newline');
    expect(composerKeyAction(press({ key: 'Enter' }))).toBe('newline');
    // AltGr reads as Ctrl+Alt on some keyboards: never a send.
    expect(composerKeyAction(press({ ctrlKey: true, altKey: true }))).toBe('newline');
  });

  it('never sends while an input method composes, however the browser says so', () => {
    // The Enter that confirms a Chinese or Thai candidate: Chrome and Firefox mark it isComposing.
    expect(composerKeyAction(press({ isComposing: true }))).toBe('composing');
    expect(composerKeyAction(press({ isComposing: true, ctrlKey: true }))).toBe('composing');
    // Safari ends the composition before the Enter's keydown, which then carries key code 229.
    expect(composerKeyAction(press({ keyCode: IME_KEY_CODE, ctrlKey: true }))).toBe('composing');
    expect(composerKeyAction(press({ key: 'Process', ctrlKey: true }))).toBe('composing');
    // Between compositionstart and compositionend, whatever the event itself claims.
    expect(composerKeyAction(press({ composing: true, ctrlKey: true }))).toBe('composing');
    expect(composerKeyAction(press({ composing: true, metaKey: true }))).toBe('composing');
  });

  it('sends again once the composition has ended', () => {
    expect(composerKeyAction(press({ composing: false, ctrlKey: true }))).toBe('send');
  });

  it('ignores other keys', () => {
    expect(composerKeyAction(press({ key: 'a' }))).toBe('other');
    expect(composerKeyAction(press({ key: 's', ctrlKey: true }))).toBe('other');
  });
});
