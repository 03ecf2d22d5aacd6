import sanitizeHtml from 'sanitize-html';

/**
 * The HTML of a customer's e-mail, made safe before anyone sees it: a small subset of formatting
 * tags; no script, style, forms, frames or event handlers; links only to http(s) and mailto, opened
 * with `rel="noopener noreferrer nofollow"`; images only when embedded (`cid:`/`data:` are dropped
 * too — we keep attachments as files), so no remote image can tell the sender the mail was read.
 */
export const sanitizeEmailHtml = (html: string): string =>
  sanitizeHtml(html, {
    allowedTags: [
      'p',
      'br',
      'div',
      'span',
      'b',
      'strong',
      'i',
      'em',
      'u',
      's',
      'blockquote',
      'pre',
      'code',
      'ul',
      'ol',
      'li',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'hr',
      'a',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
    ],
    allowedAttributes: {
      // rel and target are set by the transform below, whatever the sender wrote.
      a: ['href', 'title', 'rel', 'target'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    // Their text is code or styling, never the customer's words.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' },
      }),
    },
  });

const BLOCK_END = /<\/(p|div|h[1-6]|li|tr|blockquote|pre|table)>|<br\s*\/?>/giu;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Plain text from an e-mail's HTML, for mail that has no text part: line breaks kept, tags gone. */
export const textFromHtml = (html: string): string => {
  const withBreaks = sanitizeEmailHtml(html).replace(BLOCK_END, (tag) => `${tag}\n`);
  const bare = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return bare
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/\u00a0/gu, ' ')
    .replace(/[ \t]+\n/gu, '\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
};

/**
 * Lines that start the quoted earlier message in a reply: "On … wrote:" in the languages we serve,
 * Outlook's "-----Original Message-----" and its From:/Sent: header block.
 */
const QUOTE_HEADERS: readonly RegExp[] = [
  /^On .{1,200}wrote:\s*$/u,
  /^-{2,}\s*Original Message\s*-{2,}\s*$/iu,
  /^-{2,}\s*Forwarded message\s*-{2,}\s*$/iu,
  /^From:\s.+$/u,
  /^在.{1,200}(寫道|写道)[:：]\s*$/u,
  /^.{1,200}(於|于).{1,100}(寫道|写道)[:：]\s*$/u,
  /^-{2,}\s*(原始郵件|原始邮件)\s*-{2,}\s*$/u,
  /^เมื่อ.{1,200}เขียนว่า\s*:?\s*$/u,
];

/**
 * The new part of a reply: the text before the quoted earlier message ("> …" lines, "On … wrote:",
 * an Outlook header block) and before a signature separator ("-- "). The full text stays on the
 * e-mail row; this is what the case records. When stripping would leave nothing, the text is kept.
 */
export const stripQuotedReply = (text: string): string => {
  const lines = text.replace(/\r\n?/gu, '\n').split('\n');
  // quotesToEnd[i]: from line i on there is nothing but quotes and blank lines (one backward pass,
  // so a reply of a hundred thousand quoted lines costs as much as reading it once).
  const quotesToEnd = new Array<boolean>(lines.length + 1);
  quotesToEnd[lines.length] = true;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const trimmed = (lines[i] ?? '').trim();
    quotesToEnd[i] = (trimmed === '' || trimmed.startsWith('>')) && quotesToEnd[i + 1] === true;
  }
  const kept: string[] = [];
  for (const [index, line] of lines.entries()) {
    const trimmed = line.trim();
    if (line === '-- ' || line === '--') break;
    if (QUOTE_HEADERS.some((pattern) => pattern.test(trimmed))) {
      // "From:" starts a quote only as Outlook writes it: followed soon by Sent:/Date:/To:.
      if (trimmed.startsWith('From:')) {
        const next = lines.slice(index + 1, index + 4).join('\n');
        if (!/^(Sent|Date|To|寄件日期|发送时间):/mu.test(next)) {
          kept.push(line);
          continue;
        }
      }
      break;
    }
    if (trimmed.startsWith('>')) {
      // A quoted block: stop if nothing but quotes and blank lines follow.
      if (quotesToEnd[index]) break;
      continue;
    }
    kept.push(line);
  }
  const result = kept.join('\n').trim();
  return result === '' ? text.trim() : result;
};
