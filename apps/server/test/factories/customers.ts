import type { Database } from '../../src/storage/index.ts';
import { captureCustomer, type CaptureCustomerInput, type CaptureResult } from '../../src/modules/customers/index.ts';
import { systemContext, type Context } from '../../src/shared/unit-of-work.ts';
import { customersRepository } from '../../src/storage/repositories/customers.repository.ts';

/**
 * Four customers in four languages, as intake would type them: national phone formats, mixed
 * case e-mails. Their normalised forms are in `normalised`.
 */
export const customerFixtures = {
  chen: {
    name: '陳美玲',
    email: 'Chen.MeiLing@Example.TW',
    phone: '0912-345-678',
    language: 'zh-TW',
    externalIds: [{ kind: 'member', value: 'tw-0001' }],
  },
  wang: { name: '王磊', email: 'WangLei@example.cn', phone: '138 1234 5678', language: 'zh-CN' },
  somchai: { name: 'สมชาย ใจดี', phone: '081-234-5678', language: 'th', preferredName: 'คุณสมชาย' },
  sarah: {
    name: 'Sarah Mitchell',
    email: 'sarah.mitchell@example.com',
    phone: '+44 20 7946 0958',
    language: 'en',
    externalIds: [{ kind: 'order', value: 'uk-1001' }],
  },
} as const satisfies Record<string, CaptureCustomerInput>;

export type CustomerFixture = keyof typeof customerFixtures;

export const normalised = {
  chen: { email: 'chen.meiling@example.tw', phone: '+886912345678' },
  wang: { email: 'wanglei@example.cn', phone: '+8613812345678' },
  somchai: { phone: '+66812345678' },
  sarah: { email: 'sarah.mitchell@example.com', phone: '+442079460958' },
} as const;

/** Captures a fixture customer (or any input) in its own unit of work, as the system. */
export const captureFixture = (
  db: Database,
  input: CustomerFixture | CaptureCustomerInput,
  options: { ctx?: Context; now?: Date } = {},
): Promise<CaptureResult> =>
  db.write((tx) =>
    captureCustomer(
      customersRepository(tx),
      typeof input === 'string' ? customerFixtures[input] : input,
      options.ctx ?? systemContext('test'),
      options.now ?? new Date('2026-03-02T09:00:00.000Z'),
    ),
  );
