/**
 * Shouting: words in capitals followed by two or more exclamation marks ("COMPLETELY UNTRUE!!",
 * "AGAIN NO RESPONSE!!!", "INFURIATING!!"). Case is gone once a message is folded, so this reads the
 * original text. Redacted placeholders (CFPB narratives write XXXX for names and dates) and
 * one- or two-letter words (I, OK, US) are not shouting.
 */

/** How sure shouting alone makes anger: exasperation, but sometimes only emphasis. */
export const SHOUTING_CONFIDENCE = 0.7;

// A capital word of three letters or more that is not all X, then more capital words, then "!!".
const SHOUT = /\b(?!X+\b)[A-Z][A-Z']{2,}(?:[\s,]+(?!X+\b)[A-Z][A-Z']*)*\s*!{2,}/g;

// Capitals of joy are not anger ("THANK YOU!!", "LOVE IT!!!").
const JOY =
  /\b(?:THANKS?|THANK YOU|LOVE|LOVED|AWESOME|GREAT|BEST|YAY|CONGRAT\w*|HAPPY|AMAZING|WOW|WOOHOO|YES|COOL|NICE|FUN|EXCITED|BIRTHDAY|PERFECT|FINALLY)\b/;

/** The span of the first shout in `text`, or null. Mixed-case text around it does not matter. */
export const findShouting = (text: string): { start: number; end: number } | null => {
  SHOUT.lastIndex = 0;
  for (let match = SHOUT.exec(text); match !== null; match = SHOUT.exec(text)) {
    if (!JOY.test(match[0])) return { start: match.index, end: match.index + match[0].length };
  }
  return null;
};
