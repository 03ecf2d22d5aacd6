import { extensionOf } from './attachment.ts';
import { isRasterImage } from './content-type.ts';

/**
 * RFC 5987 / 8187 `ext-value` encoding for `filename*`: UTF-8, percent-encoded except attr-chars.
 * `encodeURIComponent` leaves `'()*` alone, which attr-char does not allow.
 */
export const encodeRfc5987 = (value: string): string =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A plain-ASCII stand-in for old clients that ignore `filename*`: accents dropped, anything else
 * outside printable ASCII (and `"`, `\`, `%`, `;`) replaced by `_`. A name with nothing ASCII left
 * becomes `attachment.<ext>`.
 */
export const asciiFallback = (filename: string): string => {
  const ascii = filename
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7E]|["\\%;]/g, '_')
    .replace(/_+/g, '_');
  const extension = extensionOf(ascii);
  const stem = extension ? ascii.slice(0, -(extension.length + 1)) : ascii;
  if (/^[_\s.]*$/.test(stem)) return extension ? `attachment.${extension}` : 'attachment';
  return ascii;
};

/** `attachment; filename="…"; filename*=UTF-8''…` (or `inline`). */
export const contentDisposition = (kind: 'attachment' | 'inline', filename: string): string =>
  `${kind}; filename="${asciiFallback(filename)}"; filename*=UTF-8''${encodeRfc5987(filename)}`;

/**
 * The headers an attachment is served with. The type is the sniffed one and the browser is told not
 * to sniff again; the response is sandboxed with no sources, so even a file that slipped through
 * could run nothing; it is never cached. Only raster images asked for `inline` are shown in place.
 */
export const downloadHeaders = (
  attachment: { readonly filename: string; readonly contentType: string; readonly size: number },
  options: { readonly inline: boolean },
): Record<string, string> => {
  const inline = options.inline && isRasterImage(attachment.contentType);
  return {
    'content-type': attachment.contentType,
    'content-length': String(attachment.size),
    'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', attachment.filename),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
    'cache-control': 'private, no-store',
    'cross-origin-resource-policy': 'same-origin',
  };
};
