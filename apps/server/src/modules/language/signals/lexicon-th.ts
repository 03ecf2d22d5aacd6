import { rule, type LexiconEntry } from './lexicon-entry.ts';

/**
 * Thai rules. Thai has no spaces between words, so the rules match inside runs of text; words that
 * also name everyday things are held back: ด่วน is not urgency inside ทางด่วน (the expressway),
 * ตำรวจ (police) counts only when reported to (แจ้งตำรวจ), โพสต์ or รีวิว only with an intent (จะโพสต์),
 * ทนาย (lawyer) only when hired or threatened with.
 */

const BOSS = '(?:หัวหน้า|ผู้จัดการ|ผู้บริหาร|ผู้ใหญ่|ผู้รับผิดชอบ|ซูเปอร์ไวเซอร์|ผู้มีอำนาจ)';

const th = (
  signal: LexiconEntry['signal'],
  text: string,
  confidence: number,
  options?: { negatable?: boolean; needs?: 'intent' | 'support' },
): LexiconEntry => rule('th', signal, 'pattern', text, confidence, options);

export const THAI_LEXICON: readonly LexiconEntry[] = [
  th('anger', 'อารมณ์เสีย|โมโห|โกรธมาก|โกรธสุดๆ|หัวร้อน|เหลืออด|ทนไม่ไหว|ของขึ้น|โคตรแย่|ห่าเอ๊ย|เดือดมาก|ฉุนมาก', 0.85),
  // Profanity aimed at someone (a vocative ไอ้/อี…, or an elongated shout of ว้อย) is anger; said
  // with laughter (555) it is banter.
  th(
    'anger',
    '(?:ไอ้|ไอ|อี|อิ)(?:เหี้ย|ควาย|สัส|ห่า|ชาติหมา|เวร)(?![^\\s]{0,3}555)|แม่มึง|พ่อมึง|ไปตายซะ|ว้อย{3,}|โว้ย{3,}|เว้ย{3,}|หงุดหงิดโว้ย|หงุดหงิดมาก',
    0.8,
  ),
  // Profanity that is often a mere intensifier (คนเยอะแม่ง, "so crowded") is weak on its own.
  th('anger', 'เหี้ย|แม่ง|สัส|ควาย', 0.6, { needs: 'support' }),
  // Name-calling aimed at the company, its staff or its product; a question ("หลอกลวงป่าว") is not.
  th(
    'insult',
    '(?:ขี้โกง|โกง|หลอกลวง|หลอกเงิน|ต้มตุ๋น|มิจฉาชีพ|ตอแหล|เฮงซวย|สิ้นคิด|สันดาน|หน้าด้าน)(?!\\s?(?:ป่าว|ปะ|ไหม|มั้ย|หรือเปล่า|รึเปล่า|รึป่าว|หรือไม่))',
    0.85,
  ),
  th(
    'insult',
    '(?:พนักงาน|บริษัท|ร้าน|ค่าย|แอดมิน|เจ้าหน้าที่|คอลเซ็นเตอร์|ช่าง|ผู้จัดการ|เซลล์|ธนาคาร)[^\\s]{0,8}(?:ควาย|โง่|ไอ้โง่)',
    0.8,
  ),
  th('manager_request', `(?:ขอ|เรียก|ให้|ต้องการ)(?:คุย|พูด|สาย|พบ|เจอ|ต่อสาย|ติดต่อ)?(?:กับ|ถึง)?${BOSS}`, 0.9, {
    negatable: true,
  }),
  th(
    'media_threat',
    'ประจาน|แฉ|บอกต่อ|ลงโซเชียล|ลงเฟส|ลงเพจ|ลงทวิต|ลงพันทิป|(?:เรียก|แจ้ง|ติดต่อ|ไปหา)นักข่าว|ออกสื่อ|ให้เป็นข่าว|ไวรัล|รีวิวแย่',
    0.85,
    { negatable: true },
  ),
  th('media_threat', 'โพสต์|รีวิว|ลง(?:โซเชียล|เฟส|เพจ|ทวิต|ติ๊กต็อก|ยูทูป)', 0.8, { negatable: true, needs: 'intent' }),
  th(
    'regulator_threat',
    'สคบ|คุ้มครองผู้บริโภค|แจ้งความ|(?:แจ้ง|เรียก|ไปหา|โทรหา|โทรแจ้ง)ตำรวจ|โรงพัก|กสทช|สำนักงานคณะกรรมการ|ร้องเรียนไปที่|ธนาคารแห่งประเทศไทย|คปภ',
    0.9,
    { negatable: true },
  ),
  // Suing, not being sued: the company suing its customers (ฟ้องลูกค้า, โดนฟ้อง) is not a threat.
  th(
    'legal_threat',
    '(?<!โดน|ถูก|ลูกค้า|มา)ฟ้อง(?!ลูกค้า|ผู้บริโภค|ผม|ฉัน|เรา|กลับ)|ดำเนินคดี|ขึ้นศาล|ดำเนินการทางกฎหมาย|(?:ปรึกษา|จ้าง|ให้|หา|ติดต่อ)ทนาย|ทนายของ(?:ผม|ฉัน|ดิฉัน|เรา)|ศาลผู้บริโภค',
    0.9,
    { negatable: true },
  ),
  th('legal_threat', 'ทนาย', 0.75, { negatable: true, needs: 'intent' }),
  // Money back for the writer, not a wish for someone else's (ขอให้ได้เงินคืน "hope you get it back").
  th('refund_demand', 'คืนเงิน|(?<!ขอให้ได้|ให้ได้)เงินคืน|ขอเงินคืน|ชาร์จแบ็ก|รีฟันด์|โอนเงินคืน', 0.85, { negatable: true }),
  th('replacement_demand', 'เปลี่ยนสินค้า|เปลี่ยนเครื่อง|เปลี่ยนใหม่|คืนสินค้า|ส่งคืน|ซ่อมให้|เปลี่ยนตัวใหม่|เปลี่ยนชิ้นใหม่', 0.85, {
    negatable: true,
  }),
  th('replacement_demand', 'เคลม', 0.65, { negatable: true }),
  th('compensation_demand', 'ค่าชดเชย|ชดเชย|ค่าเสียหาย|ชดใช้|ค่าเสียเวลา|ค่าทำขวัญ', 0.85, { negatable: true }),
  // Contacting many times, or again about the same fault; หลายรอบ alone is also "ordered many
  // times" in praise, and อีกแล้ว "again" is about the fault, not a contact.
  th(
    'repeat_contact',
    '(?:โทร|แจ้ง|ติดต่อ|ทัก|ส่ง|ร้องเรียน|ถาม|ตาม|คุย|เคลม|ซ่อม|อินบ็อกซ์|อินบ๊อก)[^\\s]{0,12}(?:หลายครั้ง|หลายรอบ|หลายหน|หลายวัน|ไม่รู้กี่รอบ|ไม่รู้กี่ครั้ง)|ครั้งที่\\s?[2-9๒-๙]|ยังไม่ได้รับการแก้ไข|ยังไม่แก้|ติดต่อไปแล้ว|โทรไปแล้ว|ทุกครั้ง|แจ้งไปแล้ว|ทักไปแล้ว|เป็นรอบที่|เคย(?:ส่ง|โทร|แจ้ง|ติดต่อ|เคลม|ร้องเรียน)[^\\s]{0,12}แล้ว|(?:ส่งซ่อม|เคลม|แจ้ง)อีกรอบ|ก็ยังเหมือนเดิม|ก็เหมือนเดิม',
    0.85,
  ),
  // Injury or illness; a hospital only when someone is taken there (a hospital's name or hashtag
  // is not), a fire only when it happened to the product or premises of the complaint.
  th(
    'safety_risk',
    'ท้องเสีย|อาหารเป็นพิษ|บาดเจ็บ|ไฟช็อต|ไฟดูด|ระเบิด|เบรกแตก|เบรคแตก|(?:เข้า|ส่ง|ไป|นอน|หาม|แอดมิท)(?:โรงพยาบาล|โรงบาล|รพ)|อาเจียน|แพ้อาหาร|อันตราย|เลือดออก|ปวดท้อง|เป็นลม|ลวกมือ|(?:รถ|เครื่อง|สินค้า|แบต|ที่ชาร์จ|สายชาร์จ|มือถือ|ปลั๊ก)[^\\s]{0,6}(?:ไฟไหม้|ไหม้|ลุกไหม้)',
    0.85,
  ),
  // Leaving: the last time, breaking off, cancelling the line, SIM or monthly plan (an add-on such
  // as an SMS package is not the service).
  th(
    'churn_threat',
    'ย้ายค่าย|ยกเลิก(?:สัญญา|บริการ(?!เสริม)|สมาชิก|บัตร|ซิม|เบอร์|หมายเลข|(?!sms|เอสเอ็มเอส|ข้อความ|แพ็กเกจเสริม|แพคเกจเสริม|เสียงรอสาย|ริงโทน|คอลเลอร์|บริการเสริม|เน็ตเสริม)[^\\s]{0,16}รายเดือน)|ไม่ซื้ออีก|ไม่ใช้อีก|เลิกใช้|ไม่มาอีก|ไม่อุดหนุน|เข็ดแล้ว|ไม่กลับมาอีก|ครั้งสุดท้าย|ลาขาด|บาย(?:ๆ)?(?:ค่าย|ร้าน)นี้|ไม่ไปอีก|ไม่สั่งอีก',
    0.85,
    { negatable: true },
  ),
  // Urgency: ด่วน but not the expressway; ทันที only as a request ("ขอให้…ทันที"), not narration.
  th(
    'urgency',
    '(?<!ทาง)ด่วน|(?<=(?:ขอ|ให้|ต้องการ|กรุณา|ช่วย|รีบ)[^\\s]{0,20})ทันที|โดยเร็ว|เร็วที่สุด|ภายในวันนี้|รีบแก้|รีบดำเนินการ',
    0.8,
  ),
];
