const ANNOUNCER_ID = 'agent-announcer';

/**
 * A polite live region outside the React tree, so a message still reaches screen readers after the
 * screen that said it has navigated away (a call logged, then the case page opens). Create it
 * early (on the screen's mount): a region added together with its text is often not read.
 */
export const ensureAnnouncer = (): HTMLElement => {
  const existing = document.getElementById(ANNOUNCER_ID);
  if (existing) return existing;
  const region = document.createElement('div');
  region.id = ANNOUNCER_ID;
  region.className = 'visually-hidden';
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  document.body.append(region);
  return region;
};

/** Says `message` once through the announcer; the same message twice in a row is read twice. */
export const announce = (message: string): void => {
  const region = ensureAnnouncer();
  region.textContent = '';
  setTimeout(() => {
    region.textContent = message;
  }, 100);
};
