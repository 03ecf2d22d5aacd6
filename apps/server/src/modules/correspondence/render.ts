import type { Locale } from '@redress/contract';
import { PLACEHOLDER, type EmailTemplate } from './templates.ts';

/**
 * Rendering a customer e-mail (pure): placeholders filled in one pass (a value that itself looks
 * like `{{portalLink}}` stays text), a plain-text part as written, and an HTML part in which every
 * character of the template and of the values is escaped. Only the link variables (`portalLink`,
 * `surveyLink`) become links: a URL in anything else — the customer's name or subject from the
 * public form, an agent's words — stays text, so nobody can make company mail carry their link.
 */

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The placeholders whose values are links the renderer itself makes clickable. */
export const LINK_VARIABLES: readonly string[] = ['portalLink', 'surveyLink'];

/** Text safe inside HTML elements and double-quoted attributes. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Fills `{{name}}` placeholders from `values`; one missing from `values` becomes empty. */
export const fillPlaceholders = (text: string, values: Readonly<Record<string, string>>): string =>
  text.replace(PLACEHOLDER, (_whole, name: string) => values[name] ?? '');

const SUBJECT_MAX = 250;

/**
 * The subject on one line with the case reference in brackets (`… [C-2026-000123]`), which is
 * how a reply that lost its threading headers still finds its case.
 */
export const subjectWithRef = (subject: string, caseRef: string): string => {
  const line = subject
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  const tag = `[${caseRef}]`;
  if (line.includes(tag)) return line.slice(0, SUBJECT_MAX);
  return `${line.slice(0, SUBJECT_MAX - tag.length - 1)} ${tag}`.trim();
};

// A link variable's place in the filled text: private-use characters taken out of every template
// and value first, so nothing else can pose as one.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKS = /[\uE000\uE001]/g;
const SLOT = /\uE000(\d+)\uE001/g;

const isHttpUrl = (value: string): boolean => /^https?:\/\/[^\s<>"']+$/.test(value);

const paragraphHtml = (paragraph: string, link: (index: number) => string): string =>
  escapeHtml(paragraph)
    .replace(SLOT, (_whole, index: string) => link(Number(index)))
    .replace(/\r?\n/g, '<br>\n');

/**
 * Plain text as HTML: paragraphs at blank lines, line breaks kept. The only links are the link
 * variables' slots (`link` writes each); a URL written anywhere else stays text.
 */
const textToHtml = (text: string, language: Locale, link: (index: number) => string): string => {
  const paragraphs = text
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${paragraphHtml(p, link)}</p>`)
    .join('\n');
  return (
    `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"></head>` +
    `<body style="font-family:sans-serif;line-height:1.5;max-width:40em">\n${paragraphs}\n</body></html>`
  );
};

/**
 * A template with its values: subject (with the case reference), plain text and HTML. With
 * `linkMarker`, each link variable is replaced by that text instead (the copy staff read). A link
 * variable in the subject is left out.
 */
export const renderEmail = (
  template: EmailTemplate,
  values: Readonly<Record<string, string>>,
  options: { readonly language: Locale; readonly caseRef: string; readonly linkMarker?: string },
): RenderedEmail => {
  const clean: Record<string, string> = {};
  const links: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const stripped = value.replace(MARKS, '');
    if (LINK_VARIABLES.includes(name) && isHttpUrl(stripped)) {
      clean[name] = `${OPEN}${links.length}${CLOSE}`;
      links.push(stripped);
    } else {
      clean[name] = stripped;
    }
  }
  const marker = options.linkMarker;
  const linkText = (index: number): string => marker ?? links[index] ?? '';
  const marked = `${fillPlaceholders(template.body.replace(MARKS, ''), clean).replace(/\r\n/g, '\n').trimEnd()}\n`;
  const text = marked.replace(SLOT, (_whole, index: string) => linkText(Number(index)));
  const html = textToHtml(marked, options.language, (index) => {
    const url = links[index];
    if (marker !== undefined || url === undefined) return escapeHtml(linkText(index));
    return `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
  });
  // A link does not belong on the subject line: a link variable there is left out.
  const subjectValues = { ...clean };
  for (const name of LINK_VARIABLES) if (name in subjectValues) subjectValues[name] = '';
  const subject = fillPlaceholders(template.subject.replace(MARKS, ''), subjectValues);
  return { subject: subjectWithRef(subject, options.caseRef), text, html };
};

const INTL_LOCALE: Readonly<Record<Locale, string>> = {
  en: 'en-GB',
  'zh-TW': 'zh-TW',
  'zh-CN': 'zh-CN',
  th: 'th-TH',
};

/**
 * A due time as the customer reads it: weekday, date and time in the case's site zone, with the
 * zone's short name, in the customer's language (`Intl`; Thai uses the Buddhist year).
 */
export const formatHearBackBy = (due: Date, timeZone: string, language: Locale): string =>
  new Intl.DateTimeFormat(INTL_LOCALE[language], {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(due);

/** A date alone (a link's expiry), in the zone and language. */
export const formatDay = (at: Date, timeZone: string, language: Locale): string =>
  new Intl.DateTimeFormat(INTL_LOCALE[language], { dateStyle: 'long', timeZone }).format(at);
