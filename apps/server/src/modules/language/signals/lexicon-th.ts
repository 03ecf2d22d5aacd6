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
  th('anger', 'อารมณ์เสีย|โมโห|โกรธมาก|โกรธสุดๆ|หัวร้อน|เหลืออด|ทนไม่ไหว|ของขึ้น|โคตรแย่|เหี้ย|ห่าเอ๊ย|แม่ง|เดือดมาก|ฉุนมาก', 0.85),
  th('insult', 'ขี้โกง|โกง|หลอกลวง|หลอกเงิน|ต้มตุ๋น|มิจฉาชีพ|ควาย|ไอ้โง่|โง่|ตอแหล|เฮงซวย|สิ้นคิด', 0.85),
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
  th(
    'legal_threat',
    'ฟ้อง|ดำเนินคดี|ขึ้นศาล|ดำเนินการทางกฎหมาย|(?:ปรึกษา|จ้าง|ให้|หา|ติดต่อ)ทนาย|ทนายของ(?:ผม|ฉัน|ดิฉัน|เรา)|ศาลผู้บริโภค',
    0.9,
    { negatable: true },
  ),
  th('legal_threat', 'ทนาย', 0.75, { negatable: true, needs: 'intent' }),
  th('refund_demand', 'คืนเงิน|เงินคืน|ขอเงินคืน|ชาร์จแบ็ก|รีฟันด์|โอนเงินคืน', 0.85, { negatable: true }),
  th('replacement_demand', 'เปลี่ยนสินค้า|เปลี่ยนเครื่อง|เปลี่ยนใหม่|เปลี่ยนให้|คืนสินค้า|ส่งคืน|ซ่อมให้|เปลี่ยนตัวใหม่|เปลี่ยนชิ้นใหม่', 0.85, {
    negatable: true,
  }),
  th('replacement_demand', 'เคลม', 0.65, { negatable: true }),
  th('compensation_demand', 'ค่าชดเชย|ชดเชย|ค่าเสียหาย|ชดใช้|ค่าเสียเวลา|ค่าทำขวัญ', 0.85, { negatable: true }),
  th(
    'repeat_contact',
    'หลายครั้ง|หลายรอบ|ครั้งที่\\s?[2-9๒-๙]|อีกแล้ว|ยังไม่ได้รับการแก้ไข|ยังไม่แก้|ติดต่อไปแล้ว|โทรไปแล้ว|ทุกครั้ง|แจ้งไปแล้ว|ทักไปแล้ว|เป็นรอบที่',
    0.85,
  ),
  th(
    'safety_risk',
    'ท้องเสีย|อาหารเป็นพิษ|บาดเจ็บ|ไฟไหม้|ไฟช็อต|ไฟดูด|ระเบิด|เบรกแตก|เบรคแตก|โรงพยาบาล|อาเจียน|แพ้อาหาร|อันตราย|เลือดออก|ปวดท้อง|เป็นลม|ลวกมือ',
    0.85,
  ),
  th(
    'churn_threat',
    'ย้ายค่าย|ยกเลิก(?:สัญญา|บริการ|สมาชิก|บัตร|แพ็กเกจ)|ไม่ซื้ออีก|ไม่ใช้อีก|เลิกใช้|ไม่มาอีก|ไม่อุดหนุน|เข็ดแล้ว|ไม่กลับมาอีก',
    0.85,
  ),
  th('urgency', '(?<!ทาง)ด่วน|ทันที|โดยเร็ว|เร็วที่สุด|ภายในวันนี้|รีบแก้|รีบดำเนินการ', 0.8),
];
