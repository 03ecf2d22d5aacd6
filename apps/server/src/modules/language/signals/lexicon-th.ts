import { rule, type LexiconEntry } from './lexicon-entry.ts';

/**
 * Thai rules. Thai has no spaces between words, so the rules match inside runs of text; words that
 * also name everyday things are held back: ด่วน is not urgency inside ทางด่วน (the expressway),
 * ตำรวจ (police) counts only when reported to (แจ้งตำรวจ), โพสต์ or รีวิว only with an intent (จะโพสต์),
 * ทนาย (lawyer) only when hired or threatened with.
 */

// Profanity, and the complaint words that make it anger rather than emphasis.
const PROFANE = '(?:เหี้ย|แม่ง|สัส|ควาย|ห่า(?!ง)|ส้นตีน|ระยำ)';
const COMPLAINT =
  '(?:ห่วย|แย่|กาก|เฮงซวย|โกหก|โกง|หลอก|ปลอม|ไม่ได้เรื่อง|ไม่รับผิดชอบ|ไม่พอใจ|เสียดาย|เสียเวลา|เสียตัง|เสียเงิน|ช้า(?!ง)|หลุด|พัง|เจ๊ง|ตัดบ่อย|อีกแล้ว|ทำไม|ได้ไง|ยังไง|ไม่ได้|ไม่ยอม|ไม่ตอบ|ไม่รับ|ไม่นำ|ไม่มี|ไม่แก้|โมโห|หงุดหงิด|รำคาญ|เซ็ง|โง่)';

const BOSS = '(?:หัวหน้า|ผู้จัดการ|ผู้บริหาร|ผู้ใหญ่|ผู้รับผิดชอบ|ซูเปอร์ไวเซอร์|ผู้มีอำนาจ)';

const th = (
  signal: LexiconEntry['signal'],
  text: string,
  confidence: number,
  options?: { negatable?: boolean; needs?: 'intent' | 'support' },
): LexiconEntry => rule('th', signal, 'pattern', text, confidence, options);

export const THAI_LEXICON: readonly LexiconEntry[] = [
  th('anger', 'อารมณ์เสีย|โมโห|โกรธมาก|โกรธสุดๆ|หัวร้อน|เหลืออด|ทนไม่ไหว|ของขึ้น|โคตรแย่|ห่าเอ๊ย|เดือดมาก|ฉุนมาก', 0.85),
  // Cursing someone's parents, wishing them dead, an elongated shout of ว้อย: anger on their own.
  th('anger', 'แม่มึง|พ่อมึง|ไปตายซะ|ว้อย{3,}|โว้ย{3,}|เว้ย{3,}|หงุดหงิดโว้ย|หงุดหงิดมาก', 0.8),
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
    'ประจาน|แฉ|ลงโซเชียล|ลงเฟส|ลงเพจ|ลงทวิต|ลงพันทิป|(?:เรียก|แจ้ง|ติดต่อ|ไปหา)นักข่าว|ออกสื่อ|ให้เป็นข่าว|ไวรัล|รีวิวแย่',
    0.85,
    { negatable: true },
  ),
  th('media_threat', '(?<!ดี[^\\s]{0,4})บอกต่อ|โพสต์|รีวิว|ลง(?:โซเชียล|เฟส|เพจ|ทวิต|ติ๊กต็อก|ยูทูป)', 0.8, {
    negatable: true,
    needs: 'intent',
  }),
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
    'ย้ายค่าย|ยกเลิก\\s?(?:สัญญา|บริการ(?!เสริม|\\s?(?:content|คอนเทนต์|ดาวน์โหลด|download|sms|เอสเอ็มเอส|ข้อความ|เสียงรอสาย|ริงโทน))|สมาชิก|บัตร|ซิม|เบอร์|หมายเลข|(?!sms|เอสเอ็มเอส|ข้อความ|แพ็กเกจเสริม|แพคเกจเสริม|เสียงรอสาย|ริงโทน|คอลเลอร์|บริการเสริม|เน็ตเสริม)[^\\s]{0,16}รายเดือน)|ไม่ซื้ออีก|ไม่ใช้อีก|เลิกใช้|ไม่มาอีก|ไม่อุดหนุน|เข็ดแล้ว|ไม่กลับมาอีก|ครั้งสุดท้าย|ลาขาด|บาย(?:ๆ)?(?:ค่าย|ร้าน)นี้|ไม่ไปอีก|ไม่สั่งอีก',
    0.85,
    { negatable: true },
  ),
  // Urgency: ด่วน but not the expressway; ทันที only as a request ("ขอให้…ทันที"), not narration.
  th(
    'urgency',
    '(?<!ทาง|จอง|ข่าว|ประกาศ|รับสมัคร|ขาย|แจ้ง|โปร)ด่วน|(?<=(?:ขอ|ให้|ต้องการ|กรุณา|ช่วย|รีบ)[^\\s]{0,20})ทันที|โดยเร็ว|เร็วที่สุด|ภายในวันนี้|รีบแก้|รีบดำเนินการ',
    0.8,
  ),
  // --- Broader cue families, written from the definitions rather than from evaluation rows. ---
  // Profanity (vocative or bare) beside a complaint — something broken, slow, lying, "again",
  // "how come" — is anger; beside laughter (555, ขำ) it is banter, and alone it is only emphasis.
  th(
    'anger',
    `(?:ไอ้|ไอ|อี|อิ)?${PROFANE}(?:(?=[^]{0,60}?${COMPLAINT})|(?<=${COMPLAINT}[^]{0,60}?(?:ไอ้|ไอ|อี|อิ)?${PROFANE}))(?![^]{0,25}?(?:555|ขำ|ฮา|555))`,
    0.75,
  ),
  // Exasperation and strong disgust said outright: ห่วยแตก, ทุเรศ, hatred, enough is enough. Plain
  // แย่มาก or โคตรห่วย is dissatisfaction.
  th(
    'anger',
    'ห่วยแตก|ทุเรศ|โคตร(?:โมโห|เกลียด|หงุดหงิด|รำคาญ)|เกลียด(?:มาก|ที่สุด|จริง)|น่าโมโห|รำคาญมาก|พอกันที|ไม่พอใจอย่างมาก',
    0.75,
  ),
  // Calling the company cheats, liars, robbers or bloodsuckers.
  th(
    'insult',
    '(?:โกหก|หลอก|ต้ม|ปล้น|เอาเปรียบ)(?:ลูกค้า|ผู้บริโภค|ประชาชน)|หลอก(?:ขาย|ให้ซื้อ|ให้สมัคร|ให้จ่าย|เอาเงิน)|(?:บริษัท|ค่าย|ร้าน|ธนาคาร|แบงค์|แบรนด์)[^\\s]{0,10}(?:โจร|หน้าเลือด|ขี้โกง|โกหก|ควาย|โง่)|หน้าเลือด|โจรใส่สูท|ไร้จรรยาบรรณ|แม่งควาย',
    0.8,
  ),
  // Leaving in other words: never eating, buying or using it again, switching, closing the account.
  th(
    'churn_threat',
    'ไม่?(?:ไป|มา|กลับไป|กลับมา)?(?:กิน|ทาน|ซื้อ|ใช้|สั่ง|อุดหนุน|เหยียบ|ใช้บริการ)[^\\s]{0,10}อีก(?:แล้ว|เด็ดขาด|แน่|ต่อไป|เลย)|เลิก(?:ซื้อ|สั่ง|อุดหนุน|กิน|เป็นลูกค้า)|(?:ย้าย|เปลี่ยน|หัน)(?:ไป)?(?:ใช้)?(?:ค่าย|เจ้า|ธนาคาร|ร้าน|ยี่ห้อ)อื่น|ไปใช้(?:ค่าย|เจ้า|ร้าน|ยี่ห้อ)อื่น|ปิดบัญชี|บอกเลิก|(?:ซิม|เบอร์|หมายเลข)[^]{0,25}(?:อยาก|ต้องการ|ขอ|จะ)(?:จะ)?ยกเลิก(?!\\s?(?:sms|ข้อความ|แพ็ก|แพค|เสียงรอสาย|ริงโทน|บริการเสริม|เน็ต|content))',
    0.8,
    { negatable: true },
  ),
  // Contacted before and no one answered, called yesterday already, waited days.
  th(
    'repeat_contact',
    'ไม่มีใคร(?:ตอบ|ติดต่อ|โทร|รับสาย|สนใจ|มาแก้|แก้)|ไม่มีการติดต่อกลับ|ไม่(?:ได้)?(?:ติดต่อ|โทร)กลับ|(?:ทัก|โทร|แจ้ง|ติดต่อ|อินบ็อกซ์|อินบ๊อก|inbox|ส่งข้อความ|ส่งเมล)(?:ไป)?[^\\s]{0,10}(?:ก็)?(?:ไม่มีใคร|ไม่รับสาย|ไม่ตอบ|เงียบ)|รอ(?:มา)?(?:หลาย|เป็น|ตั้ง|\\d+)\\s?(?:วัน|อาทิตย์|สัปดาห์|เดือน)|แจ้ง(?:ปัญหา)?(?:ไป)?ตั้งแต่|ซ้ำแล้วซ้ำเล่า|(?:โทร|แจ้ง|ติดต่อ|ร้องเรียน)(?:มา|ไป)?อีกครั้ง|(?:โทร|แจ้ง|ติดต่อ)(?:มา|ไป)?(?:ตั้ง)?(?:\\d+|สอง|สาม|สี่|ห้า)\\s?(?:ครั้ง|รอบ)|เมื่อวาน(?:นี้)?(?:ก็)?(?:ได้)?(?:โทร|แจ้ง|ติดต่อ)',
    0.8,
  ),
  // Symptoms (not a drinker's vomiting: อ้วก is mostly that), skin reactions, spoiled food or things found in it, sparks and smoke, falls.
  th(
    'safety_risk',
    'ท้องร่วง|คลื่นไส้|ผื่น(?:ขึ้น|แดง|คัน)|ขึ้นผื่น|(?<!ไม่|ผิว)แพ้(?!ง่าย|ค|็)(?=[^]{0,30}?(?:ผื่น|คัน|บวม|แสบ|หน้า|ผิว|สิว|แดง))|(?:แสบ|บวม)(?:หน้า|ผิว|ปาก)|ควัน(?:ขึ้น|ออก|พวย)|ไฟลุก|ไฟรั่ว|ไฟฟ้ารั่ว|ช็อต(?:มือ|คน)|(?:เจอ|มี|พบ)(?:แมลงสาบ|แมลงวัน|แมลง|หนอน|จิ้งจก|ตะขาบ|เส้นผม|เศษแก้ว|เศษเหล็ก|ลวด|ตะปู)(?:ใน|อยู่ใน|ลอย)|(?:อาหาร|นม|ข้าว|ขนม|เนื้อ|หมู|ไก่|กับข้าว|แกง|น้ำ)[^\\s]{0,6}(?:บูด|เน่า|ขึ้นรา)|ก้างติดคอ|ลื่นล้ม|หกล้ม',
    0.8,
  ),
];
