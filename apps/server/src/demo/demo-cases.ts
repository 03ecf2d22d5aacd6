import type { Locale } from '@redress/contract';
import type { Deps } from '../deps.ts';
import { systemContext } from '../shared/unit-of-work.ts';

/** The demo's complaint categories: each one product quality or service process (article 003). */
const CATEGORIES = [
  {
    key: 'delivery',
    kind: 'service_process',
    names: {
      en: 'Late or missing delivery',
      'zh-TW': '配送延誤或遺失',
      'zh-CN': '配送延误或丢失',
      th: 'จัดส่งล่าช้าหรือสูญหาย',
    },
  },
  {
    key: 'damaged',
    kind: 'product_quality',
    names: {
      en: 'Damaged or spoiled goods',
      'zh-TW': '商品損壞或變質',
      'zh-CN': '商品损坏或变质',
      th: 'สินค้าเสียหายหรือเน่าเสีย',
    },
  },
  {
    key: 'billing',
    kind: 'service_process',
    names: { en: 'Billing and refunds', 'zh-TW': '帳務與退款', 'zh-CN': '账务与退款', th: 'การเรียกเก็บเงินและการคืนเงิน' },
  },
  {
    key: 'vehicle',
    kind: 'product_quality',
    names: { en: 'Vehicle defect', 'zh-TW': '車輛瑕疵', 'zh-CN': '车辆缺陷', th: 'รถยนต์ชำรุด' },
  },
] as const;

const ROOT_CAUSES = [
  { code: 'carrier_delay', names: { en: 'Carrier delay', 'zh-TW': '物流延誤', 'zh-CN': '物流延误', th: 'ผู้ขนส่งล่าช้า' } },
  { code: 'packaging', names: { en: 'Poor packaging', 'zh-TW': '包裝不良', 'zh-CN': '包装不良', th: 'บรรจุภัณฑ์ไม่ดี' } },
  {
    code: 'billing_error',
    names: { en: 'Billing error', 'zh-TW': '計費錯誤', 'zh-CN': '计费错误', th: 'เรียกเก็บเงินผิดพลาด' },
  },
  {
    code: 'manufacturing',
    names: { en: 'Manufacturing defect', 'zh-TW': '製造瑕疵', 'zh-CN': '制造缺陷', th: 'ข้อบกพร่องจากการผลิต' },
  },
];

interface DemoCase {
  readonly owner: string;
  readonly site: string;
  readonly category: (typeof CATEGORIES)[number]['key'];
  readonly channel: 'web' | 'email' | 'phone' | 'walk_in' | 'social';
  readonly customer: {
    readonly name: string;
    readonly email?: string;
    readonly phone?: string;
    readonly language: Locale;
  };
  readonly subject: string;
  readonly description: string;
  readonly expectedRemedy: 'refund' | 'replacement' | 'repair' | 'explanation' | 'apology' | 'compensation';
  readonly severity?: 'low' | 'medium' | 'high' | 'critical';
  readonly safety?: boolean;
}

/** Complaints written for the demo, in the customers' own words. */
const CASES: readonly DemoCase[] = [
  {
    owner: 'chen.meiling@demo.redress.local',
    site: 'TPE-01',
    category: 'damaged',
    channel: 'phone',
    customer: { name: '黃淑芬', phone: '0912 345 678', language: 'zh-TW' },
    subject: '芒果禮盒全部爛了',
    description: '我三天前訂的芒果禮盒今天才到，打開全部都爛了，這是要送人的。你們是騙子嗎？我要退款。',
    expectedRemedy: 'refund',
    severity: 'high',
  },
  {
    owner: 'chen.meiling@demo.redress.local',
    site: 'TPE-01',
    category: 'vehicle',
    channel: 'walk_in',
    customer: { name: '張建宏', phone: '0922 111 333', email: 'jianhong.chang@example.tw', language: 'zh-TW' },
    subject: '新車煞車異音',
    description: '新車交車兩週，煞車一直有異音，昨天在高速公路上差點出事。請給我一個明確的檢修時間。',
    expectedRemedy: 'repair',
    severity: 'critical',
    safety: true,
  },
  {
    owner: 'wang.lei@demo.redress.local',
    site: 'SHA-01',
    category: 'billing',
    channel: 'web',
    customer: { name: '刘洋', email: 'liu.yang@example.cn', language: 'zh-CN' },
    subject: '退款还没到账',
    description: '上个月退的货，客服说七个工作日内退款，到现在还没到账。我已经第三次打电话了，每次都说转给有关部门。',
    expectedRemedy: 'refund',
  },
  {
    owner: 'wang.lei@demo.redress.local',
    site: 'SHA-01',
    category: 'delivery',
    channel: 'phone',
    customer: { name: '陈静', phone: '138 0013 8000', language: 'zh-CN' },
    subject: '快递显示已签收但没收到',
    description: '系统显示已经签收了，但我根本没收到包裹，小区门卫也说没有。请尽快查清楚。',
    expectedRemedy: 'replacement',
  },
  {
    owner: 'somchai.jaidee@demo.redress.local',
    site: 'BKK-01',
    category: 'delivery',
    channel: 'social',
    customer: { name: 'ปราณี วงศ์ใหญ่', phone: '081 234 5678', language: 'th' },
    subject: 'สั่งของไปแล้วยังไม่ได้รับ',
    description: 'สั่งของไปตั้งแต่สัปดาห์ที่แล้ว ยังไม่ได้รับเลย โทรไปหลายรอบแล้วไม่มีใครตอบ ถ้าไม่ได้ภายในวันนี้จะขอคืนเงิน',
    expectedRemedy: 'refund',
  },
  {
    owner: 'somchai.jaidee@demo.redress.local',
    site: 'BKK-01',
    category: 'damaged',
    channel: 'email',
    customer: { name: 'วิชัย แสงทอง', email: 'wichai.s@example.co.th', language: 'th' },
    subject: 'อาหารทำให้ท้องเสีย',
    description: 'ทานอาหารที่สั่งไปเมื่อวานแล้วท้องเสียทั้งบ้าน อยากให้ตรวจสอบและรับผิดชอบค่ารักษาพยาบาล',
    expectedRemedy: 'compensation',
    severity: 'high',
    safety: true,
  },
  {
    owner: 'james.okafor@demo.redress.local',
    site: 'LON-01',
    category: 'billing',
    channel: 'email',
    customer: { name: 'Margaret Hughes', email: 'margaret.hughes@example.co.uk', language: 'en' },
    subject: 'Charged twice for one delivery',
    description:
      'I was charged twice for the same delivery on my card statement. I have emailed twice already and nobody has replied. I would like the duplicate charge refunded.',
    expectedRemedy: 'refund',
  },
  {
    owner: 'james.okafor@demo.redress.local',
    site: 'LON-01',
    category: 'delivery',
    channel: 'phone',
    customer: { name: 'Daniel Price', phone: '+44 7911 123456', language: 'en' },
    subject: 'Parcel left in the rain',
    description:
      'The driver left my parcel on the doorstep in the rain and the laptop box inside is soaked. I just want to know what you are going to do about it.',
    expectedRemedy: 'explanation',
  },
];

/**
 * Categories, root causes and a handful of open complaints in four languages. Runs once: when the
 * categories already exist, it adds nothing.
 */
export const loadDemoCases = async (deps: Deps, siteIds: ReadonlyMap<string, string>): Promise<number> => {
  const ctx = systemContext('demo');
  if ((await deps.cases.listCategories(ctx)).length > 0) return 0;
  const categoryIds = new Map<string, string>();
  for (const category of CATEGORIES) {
    const created = await deps.cases.createCategory(ctx, { names: category.names, kind: category.kind });
    categoryIds.set(category.key, created.id);
  }
  for (const cause of ROOT_CAUSES) await deps.cases.createRootCause(ctx, cause);
  let opened = 0;
  for (const demo of CASES) {
    const owner = await deps.identity.findUserByEmail(demo.owner);
    const siteId = siteIds.get(demo.site);
    if (!owner || !siteId) continue;
    await deps.cases.openCase(ctx, {
      customer: demo.customer,
      channel: demo.channel,
      subject: demo.subject,
      description: demo.description,
      language: demo.customer.language,
      categoryId: categoryIds.get(demo.category),
      expectedRemedy: demo.expectedRemedy,
      severity: demo.severity,
      safety: demo.safety,
      siteId,
      ownerId: owner.id,
    });
    opened += 1;
  }
  return opened;
};
