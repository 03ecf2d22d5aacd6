/**
 * What a key press in the composer's text area means. Kept pure so every input-method case is
 * tested without a browser:
 *
 * - `composing`: an input method (Chinese, Thai, Japanese…) is still building a word. Nothing is
 *   sent, whatever the modifiers: the Enter that confirms a candidate belongs to the input method.
 * - `send`: Ctrl+Enter (Cmd+Enter on a Mac) with no composition in progress.
 * - `newline`: plain or Shift+Enter; the browser inserts the line break.
 * - `other`: any other key.
 */
export type ComposerKeyAction = 'composing' | 'send' | 'newline' | 'other';

/** The parts of a `keydown` the decision reads, plus the composer's own composition tracking. */
export interface ComposerKeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** `KeyboardEvent.isComposing`, as the browser reports it. */
  isComposing: boolean;
  /** `KeyboardEvent.keyCode`: 229 marks a key the input method took (Safari ends the composition first). */
  keyCode: number;
  /** True between the text area's `compositionstart` and `compositionend`. */
  composing: boolean;
}

/** The key code browsers give every key an input method processes. */
export const IME_KEY_CODE = 229;

/** Decides what a key press in the composer does; see {@link ComposerKeyAction}. */
export const composerKeyAction = (press: ComposerKeyPress): ComposerKeyAction => {
  if (press.composing || press.isComposing || press.keyCode === IME_KEY_CODE || press.key === 'Process') {
    return 'composing';
  }
  if (press.key !== 'Enter') return 'other';
  if ((press.ctrlKey || press.metaKey) && !press.altKey) return 'send';
  return 'newline';
};
