import stopwordsIso from 'stopwords-iso' with { type: 'json' };
import { fold } from './fold.ts';

/**
 * One stop-word list for every feature that reads complaint text (reply coach, recurrence,
 * categories), so a word means the same thing to each of them (pure).
 *
 * Stop words are function words only. Published lists go further and drop words that name a
 * complaint, which is exactly what these features look for:
 * - stopwords-iso's English list (1,298 entries) holds "problem", "call", "order", "number",
 *   "account", "open", "help", "line", "work", "new", so English uses a short function-word list.
 * - its Thai list holds ส่ง (send), ของ (goods), รับ (receive): "ไม่ได้รับของ" (I did not get the
 *   goods) segments as ไม่ / ได้ / รับ / ของ and would lose every word. Those are taken out.
 * - its Chinese list holds verbs and nouns of complaints: 等 (wait), 打 (call), 给 (give),
 *   受到 (suffered), 结果 (outcome), 过 (passed), 无 (none), time units. Those are taken out.
 */

/** English function words: articles, pronouns, auxiliaries, prepositions, conjunctions. */
export const ENGLISH_STOP_WORDS: readonly string[] = [
  'a', 'an', 'the', 'and', 'or', 'but', 'if', 'then', 'so', 'of', 'to', 'in', 'on', 'at', 'by', 'for',
  'with', 'from', 'as', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'do', 'does', 'did',
  'have', 'has', 'had', 'i', 'me', 'my', 'we', 'us', 'our', 'you', 'your', 'he', 'him', 'his', 'she',
  'her', 'it', 'its', 'they', 'them', 'their', 'this', 'that', 'these', 'those', 'there', 'here',
  'what', 'which', 'who', 'whom', 'when', 'where', 'how', 'why', 'will', 'would', 'can', 'could',
  'shall', 'should', 'may', 'might', 'must', 'just', 'also', 'very', 'too', 'about', 'into', 'than',
  's', 't', 'im', 've', 'll', 're', 'd', 'm', 'get', 'got', 'go', 'all', 'any', 'some', 'out', 'up',
  'now', 'again', 'still', 'even', 'only', 'one', 'co', 'http', 'https', 'amp',
]; // prettier-ignore

/** Words of stopwords-iso's Chinese list that name what went wrong, when or how long. */
const CHINESE_CONTENT_WORDS: ReadonlySet<string> = new Set([
  '等', '等到', '打', '给', '受到', '结果', '过', '经过', '无', '要', '开始', '替代', '全部', '全体',
  '做', '用', '拿', '叫', '说', '看', '来', '去', '出来', '起', '好', '大', '小', '多', '人', '本人',
  '对方', '靠', '冲', '赶', '冒', '望', '腾', '内', '后', '前后', '区', '随时', '能', '才能',
  '年', '月', '日', '时', '时候', '分', '秒', '点',
]); // prettier-ignore

/** Words of stopwords-iso's Thai list that are content words (send, goods, receive, open …), folded. */
const THAI_CONTENT_WORDS: ReadonlySet<string> = new Set([
  'ส่ง', 'ของ', 'รับ', 'ได้รับ', 'เปิด', 'เปิดเผย', 'ผล', 'พบ', 'จัด', 'ออก', 'ลง', 'ขึ้น', 'วัน',
  'ราย', 'เห็น', 'ครั้ง', 'ทำ', 'เริ่ม', 'ตั้ง',
].map((word) => fold(word))); // prettier-ignore

/** Thai stray marks in the published list (a lone tone mark and final consonant) are not words. */
const isThaiWord = (word: string): boolean => /^[\u0e01-\u0e30\u0e40-\u0e46]/u.test(word);

/** Chinese stop words: stopwords-iso's list without its complaint words. */
export const CHINESE_STOP_WORDS: readonly string[] = stopwordsIso.zh.filter((w) => !CHINESE_CONTENT_WORDS.has(w));

/** Thai stop words: stopwords-iso's list without its content words. */
export const THAI_STOP_WORDS: readonly string[] = stopwordsIso.th.filter(
  (w) => isThaiWord(w) && !THAI_CONTENT_WORDS.has(fold(w)),
);

/** Every stop word, folded like the text it is compared with (Traditional and Simplified alike). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  [...ENGLISH_STOP_WORDS, ...CHINESE_STOP_WORDS, ...THAI_STOP_WORDS].map((word) => fold(word)),
);

/** True when `term` (folded, as `terms`/`tokenize` give it) is a function word of any language. */
export const isStopWord = (term: string): boolean => STOP_WORDS.has(term);
