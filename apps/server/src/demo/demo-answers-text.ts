import type { Locale } from '@redress/contract';

/** The demo's categories by key, as demo-cases.ts names them in English. */
export const DEMO_ANSWER_CATEGORIES = {
  delivery: 'Late or missing delivery',
  damaged: 'Damaged or spoiled goods',
  billing: 'Billing and refunds',
  vehicle: 'Vehicle defect',
} as const;

export interface DemoAnswer {
  /** A key of `DEMO_ANSWER_CATEGORIES`, or null for a general answer. */
  readonly category: keyof typeof DEMO_ANSWER_CATEGORIES | null;
  readonly language: Locale;
  readonly title: string;
  readonly body: string;
}

const lines = (...paragraphs: string[]): string => paragraphs.join('\n\n');

/**
 * Best answers written for the demo in the spirit of the product brief: the customer's name, the
 * problem in their terms, a concrete next step with a time, no policy quoted, no department hidden
 * behind, and no apology standing alone in place of a remedy.
 */
export const DEMO_ANSWERS: readonly DemoAnswer[] = [
  // A general first reply: who owns it, what happens next, and when.
  {
    category: null,
    language: 'en',
    title: 'We have your complaint: who handles it and when you hear next',
    body: lines(
      'Dear {{customerName}},',
      'Thank you for telling us what happened. I have read your message in full and I am handling your complaint myself from here until it is put right, so you will not need to explain it again to anyone else.',
      'Today I am checking what happened with the colleagues who handled your order. I will send you an update by 5 pm tomorrow with what I have found and what we will do, even if the answer is not complete yet.',
      'Your reference is {{caseRef}}. Reply to this message at any time and it comes straight to me.',
    ),
  },
  {
    category: null,
    language: 'zh-TW',
    title: '已收到您的意見：由誰處理、何時回覆',
    body: lines(
      '{{customerName}} 您好：',
      '謝謝您告訴我們發生了什麼事。您的訊息我已完整看過，從現在起到問題解決，都由我親自負責，您不需要再向其他人重複說明。',
      '我今天會先向經手的同事了解經過，明天下午五點前把查到的情況和處理方式告訴您；即使還沒有最終答案，也會讓您知道進度。',
      '您的案件編號是 {{caseRef}}。您隨時回覆這則訊息，都會直接由我收到。',
    ),
  },
  {
    category: null,
    language: 'zh-CN',
    title: '已收到您的投诉：由谁处理、何时回复',
    body: lines(
      '{{customerName}} 您好：',
      '谢谢您告诉我们发生了什么。您的留言我已完整看过，从现在起到问题解决，都由我亲自负责，您不需要再向其他人重复说明。',
      '我今天会先向经手的同事了解经过，明天下午五点前把查到的情况和处理办法告诉您；即使还没有最终结果，也会让您知道进展。',
      '您的案件编号是 {{caseRef}}。您随时回复这条消息，都会直接由我收到。',
    ),
  },
  {
    category: null,
    language: 'th',
    title: 'เราได้รับเรื่องของคุณแล้ว: ใครดูแลและจะแจ้งความคืบหน้าเมื่อไร',
    body: lines(
      'เรียน คุณ{{customerName}}',
      'ขอบคุณที่แจ้งให้เราทราบว่าเกิดอะไรขึ้น เราอ่านข้อความของคุณครบถ้วนแล้ว และจะดูแลเรื่องนี้เองจนกว่าจะแก้ไขเรียบร้อย คุณไม่ต้องเล่าซ้ำให้ใครฟังอีก',
      'วันนี้เราจะสอบถามข้อเท็จจริงจากพนักงานที่ดูแลคำสั่งซื้อของคุณ และจะส่งความคืบหน้าให้คุณภายใน 17.00 น. พรุ่งนี้ ว่าพบอะไรและจะแก้ไขอย่างไร แม้คำตอบยังไม่ครบก็จะแจ้งให้ทราบ',
      'หมายเลขเรื่องของคุณคือ {{caseRef}} ตอบกลับข้อความนี้ได้ทุกเมื่อ ข้อความจะถึงเราโดยตรง',
    ),
  },
  // A late parcel: own the silence, trace it, name the call and the fallback.
  {
    category: 'delivery',
    language: 'en',
    title: 'Late parcel: where it is and when you will hear from us',
    body: lines(
      'Dear {{customerName}},',
      'Your parcel has not arrived when we said it would, and you have been left waiting without news. Keeping you informed was our job, and I am putting it right.',
      "I have asked the carrier's depot to trace the parcel today. I will call you by 5 pm tomorrow to tell you where it is and the day it will reach you. If it cannot be found, I will send a replacement that same day at no cost to you and tell you when it leaves us.",
      'Your reference is {{caseRef}}. You do not need to call us again: I will be in touch first.',
    ),
  },
  {
    category: 'delivery',
    language: 'zh-TW',
    title: '包裹延誤：目前位置與下次回覆時間',
    body: lines(
      '{{customerName}} 您好：',
      '您的包裹沒有在我們說的時間送到，這段時間您也沒收到任何消息，通知您是我們該做好的事，我現在就來補上。',
      '我今天已請物流站追查包裹位置，明天下午五點前會打電話告訴您包裹在哪裡、哪一天送到。如果包裹找不到，我會在當天為您免費補寄，並告訴您寄出的時間。',
      '您的案件編號是 {{caseRef}}。您不需要再打來詢問，我會主動和您聯絡。',
    ),
  },
  {
    category: 'delivery',
    language: 'zh-CN',
    title: '包裹延误：目前位置与下次回复时间',
    body: lines(
      '{{customerName}} 您好：',
      '您的包裹没有在我们承诺的时间送到，这段时间您也没有收到任何消息，通知您是我们该做好的事，我现在就来补上。',
      '我今天已请物流站追查包裹位置，明天下午五点前会给您打电话，告诉您包裹在哪里、哪一天送到。如果包裹找不到，我会在当天为您免费补发，并告诉您发出的时间。',
      '您的案件编号是 {{caseRef}}。您不需要再打电话来询问，我会主动与您联系。',
    ),
  },
  {
    category: 'delivery',
    language: 'th',
    title: 'พัสดุล่าช้า: ตอนนี้อยู่ที่ไหนและจะแจ้งคุณเมื่อไร',
    body: lines(
      'เรียน คุณ{{customerName}}',
      'พัสดุของคุณยังไม่ถึงตามเวลาที่เราแจ้งไว้ และระหว่างนี้คุณก็ไม่ได้รับข่าวจากเราเลย การแจ้งความคืบหน้าเป็นหน้าที่ของเรา และเราจะแก้ไขตั้งแต่วันนี้',
      'วันนี้เราได้ให้ศูนย์กระจายสินค้าติดตามพัสดุแล้ว และจะโทรแจ้งคุณภายใน 17.00 น. พรุ่งนี้ ว่าพัสดุอยู่ที่ไหนและจะถึงวันไหน หากหาพัสดุไม่พบ เราจะส่งสินค้าชิ้นใหม่ให้ภายในวันเดียวกันโดยไม่มีค่าใช้จ่าย และแจ้งเวลาที่ส่งออกให้คุณทราบ',
      'หมายเลขเรื่องของคุณคือ {{caseRef}} คุณไม่ต้องโทรติดตามอีก เราจะติดต่อคุณเอง',
    ),
  },
  // Damaged or spoiled goods: a choice of remedy today, nothing to send back.
  {
    category: 'damaged',
    language: 'en',
    title: 'Damaged or spoiled goods: a replacement or your money back',
    body: lines(
      'Dear {{customerName}},',
      'What you received arrived damaged. You should not have to pay for that, or pay to send it back. You can choose:',
      '1. a replacement, sent today by express delivery and with you within 2 working days; or\n2. a full refund to the way you paid, issued today.',
      'Reply with 1 or 2, or call me, and I will arrange it within an hour. There is nothing to send back. If you can, reply with a photo of the damage: it helps us find where it happened, but your replacement or refund does not wait for it.',
      'Your reference is {{caseRef}}.',
    ),
  },
  {
    category: 'damaged',
    language: 'zh-TW',
    title: '商品損壞或變質：換貨或全額退款',
    body: lines(
      '{{customerName}} 您好：',
      '您收到的商品已經損壞，這不該由您承擔，也不需要您自費寄回。您可以選擇：',
      '1. 換貨：今天以快遞寄出，兩個工作天內送達；或\n2. 全額退款：今天退回您原本的付款方式。',
      '請回覆 1 或 2，或直接打電話給我，我會在一小時內為您安排。商品不必寄回。如果方便，請回傳一張損壞的照片，這能幫我們找出問題出在哪個環節，但換貨或退款不會等照片才處理。',
      '您的案件編號是 {{caseRef}}。',
    ),
  },
  {
    category: 'damaged',
    language: 'zh-CN',
    title: '商品损坏或变质：换货或全额退款',
    body: lines(
      '{{customerName}} 您好：',
      '您收到的商品已经损坏，这不该由您承担，也不需要您自费寄回。您可以选择：',
      '1. 换货：今天以快递发出，两个工作日内送达；或\n2. 全额退款：今天退回您原来的付款方式。',
      '请回复 1 或 2，或直接给我打电话，我会在一小时内为您安排。商品不用寄回。如果方便，请发一张损坏的照片，这能帮我们找出问题出在哪个环节，但换货或退款不会等照片才处理。',
      '您的案件编号是 {{caseRef}}。',
    ),
  },
  {
    category: 'damaged',
    language: 'th',
    title: 'สินค้าเสียหายหรือเน่าเสีย: เปลี่ยนสินค้าใหม่หรือคืนเงินเต็มจำนวน',
    body: lines(
      'เรียน คุณ{{customerName}}',
      'สินค้าที่คุณได้รับเสียหาย คุณไม่ควรต้องรับภาระนี้ และไม่ต้องเสียค่าส่งคืนเอง คุณเลือกได้ว่า',
      '1. เปลี่ยนสินค้าใหม่ ส่งด่วนวันนี้ ถึงมือคุณภายใน 2 วันทำการ หรือ\n2. คืนเงินเต็มจำนวนเข้าช่องทางที่คุณชำระ ดำเนินการวันนี้',
      'ตอบกลับว่า 1 หรือ 2 หรือโทรหาเรา แล้วเราจะจัดการให้ภายในหนึ่งชั่วโมง ไม่ต้องส่งสินค้าคืน หากสะดวก ส่งรูปความเสียหายมาให้เราด้วย จะช่วยให้เราหาสาเหตุได้ แต่การเปลี่ยนสินค้าหรือคืนเงินจะไม่รอรูป',
      'หมายเลขเรื่องของคุณคือ {{caseRef}}',
    ),
  },
  // A refund: where the money goes, how long banks take, and the check we will make.
  {
    category: 'billing',
    language: 'en',
    title: 'Your refund: where it goes and when it arrives',
    body: lines(
      'Dear {{customerName}},',
      'You asked for your money back for this order, and you should not have to chase it. I issued the refund today, to the card you paid with.',
      'Banks usually take 3 to 5 working days to show it on your statement. In 5 working days I will check that it has reached you and send you a short note either way. If it has not arrived by then, I will ask our bank to trace it that same day and send you the trace reference.',
      'Your reference is {{caseRef}}.',
    ),
  },
  {
    category: 'billing',
    language: 'zh-TW',
    title: '退款說明：退到哪裡、何時入帳',
    body: lines(
      '{{customerName}} 您好：',
      '您要求這筆訂單退款，這件事不該由您一再追問。退款我今天已經辦好，退回您付款時使用的信用卡。',
      '銀行通常需要三到五個工作天才會顯示在帳單上。五個工作天內我會確認款項是否已入帳，無論結果如何都會傳訊息告訴您。如果到時還沒入帳，我會當天請銀行追查，並把追查編號給您。',
      '您的案件編號是 {{caseRef}}。',
    ),
  },
  {
    category: 'billing',
    language: 'zh-CN',
    title: '退款说明：退到哪里、何时到账',
    body: lines(
      '{{customerName}} 您好：',
      '您要求这笔订单退款，这件事不该让您一再催问。退款我今天已经办好，退回您付款时使用的银行卡。',
      '银行通常需要三到五个工作日才会到账。五个工作日内我会确认款项是否已到账，无论结果如何都会发消息告诉您。如果到时还没到账，我会当天请银行查询，并把查询编号发给您。',
      '您的案件编号是 {{caseRef}}。',
    ),
  },
  {
    category: 'billing',
    language: 'th',
    title: 'การคืนเงิน: คืนเข้าช่องทางไหนและจะได้รับเมื่อไร',
    body: lines(
      'เรียน คุณ{{customerName}}',
      'คุณขอคืนเงินสำหรับคำสั่งซื้อนี้ และไม่ควรต้องตามเรื่องเอง วันนี้เราได้คืนเงินเข้าบัตรที่คุณใช้ชำระแล้ว',
      'โดยทั่วไปธนาคารใช้เวลา 3–5 วันทำการจึงจะแสดงในรายการเดินบัญชี ภายใน 5 วันทำการ เราจะตรวจสอบว่าเงินเข้าแล้วหรือยัง และส่งข้อความแจ้งคุณไม่ว่าผลจะเป็นอย่างไร หากเงินยังไม่เข้า เราจะให้ธนาคารติดตามในวันนั้นทันทีและแจ้งหมายเลขติดตามให้คุณ',
      'หมายเลขเรื่องของคุณคือ {{caseRef}}',
    ),
  },
  // A vehicle defect: a slot held, a car to drive meanwhile, and safety first.
  {
    category: 'vehicle',
    language: 'en',
    title: 'Vehicle defect: an inspection slot and a courtesy car',
    body: lines(
      'Dear {{customerName}},',
      'You told us about a fault with your car, and you should not have to keep driving it while you wait. I have held an inspection slot for you at our workshop at 9 am on the next working day, with a courtesy car ready when you arrive. If that time does not suit you, reply with one that does and I will move it today.',
      'The technician will find the cause that day, and I will call you by 6 pm to tell you what we will repair and when the car will be back with you. If the car feels unsafe to drive, do not drive it: call me and we will collect it.',
      'Your reference is {{caseRef}}.',
    ),
  },
  {
    category: 'vehicle',
    language: 'zh-TW',
    title: '車輛瑕疵：安排檢修與代步車',
    body: lines(
      '{{customerName}} 您好：',
      '您告訴我們車子出了問題，您不該在等待期間還得繼續開這輛車。我已為您保留下一個工作天上午九點的檢修時段，您到場時代步車會準備好。如果這個時間不方便，請回覆您方便的時間，我今天就為您更改。',
      '技師會在當天找出原因，我會在當天晚上六點前打電話告訴您要修理什麼、車子何時交還給您。如果您覺得車子開起來不安全，請不要駕駛，直接打電話給我，我們會派人去拖車。',
      '您的案件編號是 {{caseRef}}。',
    ),
  },
  {
    category: 'vehicle',
    language: 'zh-CN',
    title: '车辆缺陷：安排检修与代步车',
    body: lines(
      '{{customerName}} 您好：',
      '您告诉我们车子出了问题，您不该在等待期间还得继续开这辆车。我已为您预留下一个工作日上午九点的检修时段，您到店时代步车会准备好。如果这个时间不方便，请回复您方便的时间，我今天就为您调整。',
      '技师会在当天查明原因，我会在当天晚上六点前给您打电话，告诉您要修什么、车子什么时候交还给您。如果您觉得车子开起来不安全，请不要驾驶，直接给我打电话，我们会派人来拖车。',
      '您的案件编号是 {{caseRef}}。',
    ),
  },
  {
    category: 'vehicle',
    language: 'th',
    title: 'รถยนต์ชำรุด: นัดตรวจเช็กและรถใช้ระหว่างซ่อม',
    body: lines(
      'เรียน คุณ{{customerName}}',
      'คุณแจ้งว่ารถมีปัญหา และไม่ควรต้องขับรถคันนี้ต่อระหว่างรอ เราได้จองคิวตรวจเช็กให้คุณในวันทำการถัดไปเวลา 09.00 น. พร้อมรถใช้ระหว่างซ่อมเมื่อคุณมาถึง หากเวลานี้ไม่สะดวก ตอบกลับมาพร้อมเวลาที่สะดวก แล้วเราจะเปลี่ยนให้ภายในวันนี้',
      'ช่างจะหาสาเหตุให้ภายในวันนั้น และเราจะโทรหาคุณภายใน 18.00 น. เพื่อแจ้งว่าจะซ่อมอะไรและจะคืนรถให้คุณเมื่อไร หากรู้สึกว่ารถไม่ปลอดภัยที่จะขับ อย่าขับ โทรหาเราได้ทันที แล้วเราจะส่งรถยกไปรับ',
      'หมายเลขเรื่องของคุณคือ {{caseRef}}',
    ),
  },
];
