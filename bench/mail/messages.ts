// Complaint e-mails and portal forms for the mail section: the intake section's short complaints in
// four languages, grown to about 1 KB with the greeting, order details and signature people write,
// each from its own customer (so every one opens its own case), one in five with a 20 KB photo.
import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { COMPLAINTS, seededRandom, type BenchLocale } from '../intake/complaints.ts';

/** The intake channel's address the complaints are sent to. */
export const CHANNEL_ADDRESS = 'complaints@shop.example';
/** One message in this many carries the photo. */
export const ATTACHMENT_EVERY = 5;

const LOCALES: readonly BenchLocale[] = ['en', 'zh-TW', 'zh-CN', 'th'];
const DOMAINS: Readonly<Record<BenchLocale, string>> = {
  en: 'example.com',
  'zh-TW': 'example.com.tw',
  'zh-CN': 'example.cn',
  th: 'example.co.th',
};
const NAMES: Readonly<Record<BenchLocale, readonly string[]>> = {
  en: ['Margaret Ellis', 'Tom Okafor', 'Priya Raman', 'Daniel Hughes'],
  'zh-TW': ['陳美玲', '林志明', '黃淑芬', '張家豪'],
  'zh-CN': ['王秀英', '李强', '张伟', '刘洋'],
  th: ['สมชาย ใจดี', 'วิภาวรรณ ศรีสุข', 'ณัฐพล แก้วมณี', 'สุภาพร ทองดี'],
};
/** What people add around the complaint itself: a greeting, the order, what they tried, a sign-off. */
const FRAME: Readonly<Record<BenchLocale, { hello: string; details: string; tried: string; bye: string }>> = {
  en: {
    hello: 'Hello,',
    details: 'Order number ORD-{n}, bought online and paid by card. The receipt and photos are kept.',
    tried:
      'I have already called the hotline twice and used the chat on the website, and each time I was promised that someone would get back to me within a day. Nobody has. I would rather sort this out with you directly than go elsewhere, so please reply to this e-mail with what you will do and by when.',
    bye: 'Kind regards,',
  },
  'zh-TW': {
    hello: '您好：',
    details: '訂單編號 ORD-{n}，網路購買，信用卡付款。收據和照片都有保留。',
    tried:
      '我已經打過兩次客服專線，也在網站上用過線上客服，每次都說一天內會有人回覆，但到現在都沒有人聯絡我。我希望直接和你們把這件事處理好，請回覆這封信告訴我你們會怎麼處理、什麼時候處理，謝謝。我平日白天都可以接電話。',
    bye: '敬祝 商祺',
  },
  'zh-CN': {
    hello: '您好：',
    details: '订单号 ORD-{n}，网上购买，信用卡付款。收据和照片都保留着。',
    tried:
      '我已经打过两次客服热线，也在网站上用过在线客服，每次都说一天内会有人回复，但到现在都没有人联系我。我希望直接和你们把这件事处理好，请回复这封邮件告诉我你们会怎么处理、什么时候处理，谢谢。我工作日白天都可以接电话。',
    bye: '此致 敬礼',
  },
  th: {
    hello: 'เรียนฝ่ายบริการลูกค้า',
    details: 'หมายเลขคำสั่งซื้อ ORD-{n} ซื้อทางออนไลน์ ชำระด้วยบัตรเครดิต เก็บใบเสร็จและรูปถ่ายไว้แล้ว',
    tried:
      'ดิฉันโทรไปที่สายด่วนมาแล้วสองครั้งและคุยผ่านแชทบนเว็บไซต์ ทุกครั้งได้รับคำสัญญาว่าจะมีคนติดต่อกลับภายในหนึ่งวัน แต่ก็ยังไม่มีใครติดต่อมา อยากให้ช่วยตอบกลับอีเมลนี้ว่าจะดำเนินการอย่างไรและเมื่อไร',
    bye: 'ขอแสดงความนับถือ',
  },
};

/** A PNG of `bytes` or a little more: noise, so deflate cannot shrink it (a photo's size, not its looks). */
export const photoPng = (bytes: number): Buffer => {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const width = 96;
  const height = Math.ceil(bytes / (width * 3));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const random = seededRandom(bytes);
  const rows = Array.from({ length: height }, () =>
    Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width * 3 }, () => Math.floor(random() * 256)))]),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

export interface ComplaintMail {
  readonly from: { readonly name: string; readonly address: string };
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly messageId: string;
  readonly attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface ComplaintSource {
  /** Complaint number `index`: the same index gives the same complaint within a run. */
  mail(index: number): ComplaintMail;
  /** The same complaint as the portal form's JSON body. */
  form(index: number, channelId: string): Record<string, unknown>;
  /** Mean size of the text body, in UTF-8 bytes, over the first 100 complaints. */
  readonly meanTextBytes: number;
}

/**
 * Distinct complaints: the index picks the language (round robin), the complaint and the name; the
 * customer's address and the Message-ID carry the index and a per-run tag, so nothing repeats.
 */
export const complaintSource = (tag = randomBytes(3).toString('hex')): ComplaintSource => {
  const photo = photoPng(20 * 1024);
  const parts = (index: number) => {
    const locale = LOCALES[index % LOCALES.length]!;
    const random = seededRandom(index + 1);
    const pool = COMPLAINTS[locale];
    const complaint = pool[Math.floor(random() * pool.length)]!;
    const names = NAMES[locale];
    const name = names[Math.floor(random() * names.length)]!;
    const frame = FRAME[locale];
    const order = String(100_000 + index);
    const address = `c${index}.${tag}@${DOMAINS[locale]}`;
    return { locale, complaint, name, frame, order, address };
  };
  const mail = (index: number): ComplaintMail => {
    const { complaint, name, frame, order, address } = parts(index);
    const text = [
      frame.hello,
      complaint.description,
      frame.details.replace('{n}', order),
      frame.tried,
      `${frame.bye}\n${name}`,
    ].join('\n\n');
    return {
      from: { name, address },
      to: CHANNEL_ADDRESS,
      subject: complaint.subject,
      text,
      messageId: `<complaint-${index}.${tag}@${address.slice(address.indexOf('@') + 1)}>`,
      ...(index % ATTACHMENT_EVERY === ATTACHMENT_EVERY - 1
        ? { attachments: [{ filename: `photo-${order}.png`, content: photo, contentType: 'image/png' }] }
        : {}),
    };
  };
  const form = (index: number, channelId: string): Record<string, unknown> => {
    const { locale, complaint, name, frame, order, address } = parts(index);
    return {
      channelId,
      language: locale,
      name,
      email: address,
      subject: complaint.subject,
      whatHappened: `${complaint.description}\n\n${frame.tried}`,
      expectedRemedy: 'explanation',
      orderRef: `ORD-${order}`,
      consent: true,
    };
  };
  const sizes = Array.from({ length: 100 }, (_, i) => Buffer.byteLength(mail(i).text));
  return { mail, form, meanTextBytes: sizes.reduce((a, b) => a + b, 0) / sizes.length };
};
