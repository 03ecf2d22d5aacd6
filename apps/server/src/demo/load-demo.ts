import type { Deps } from '../deps.ts';
import { systemContext } from '../shared/unit-of-work.ts';

/** Everyone in the demo signs in with this password. It is a demo: change it before real use. */
export const DEMO_PASSWORD = 'redress-demo-2026';

interface DemoUser {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly locale: string;
}

/**
 * The demo organisation's people: a courier and car-dealer network working in four languages.
 * Sites, teams, customers and cases join them as those modules land.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'sarah.mitchell@demo.redress.local', name: 'Sarah Mitchell', role: 'supervisor', locale: 'en' },
  { email: 'james.okafor@demo.redress.local', name: 'James Okafor', role: 'agent', locale: 'en' },
  { email: 'chen.meiling@demo.redress.local', name: '陳美玲', role: 'agent', locale: 'zh-TW' },
  { email: 'lin.zhiwei@demo.redress.local', name: '林志偉', role: 'manager', locale: 'zh-TW' },
  { email: 'wang.lei@demo.redress.local', name: '王磊', role: 'agent', locale: 'zh-CN' },
  { email: 'zhao.min@demo.redress.local', name: '赵敏', role: 'department_member', locale: 'zh-CN' },
  { email: 'somchai.jaidee@demo.redress.local', name: 'สมชาย ใจดี', role: 'agent', locale: 'th' },
  { email: 'malee.srisuk@demo.redress.local', name: 'มาลี ศรีสุข', role: 'quality_analyst', locale: 'th' },
  { email: 'admin@demo.redress.local', name: 'Demo Administrator', role: 'admin', locale: 'en' },
];

/** Loads the demo organisation; running it twice adds nothing the second time. Returns a summary. */
export const loadDemo = async (deps: Deps): Promise<string> => {
  const ctx = systemContext('demo');
  let created = 0;
  for (const user of DEMO_USERS) {
    if (await deps.identity.findUserByEmail(user.email)) continue;
    await deps.identity.createUser(ctx, { ...user, password: DEMO_PASSWORD });
    created += 1;
  }
  const lines = [
    `Demo organisation ready: ${created} new of ${DEMO_USERS.length} people.`,
    `Sign in as any of them with the password ${DEMO_PASSWORD}, e.g.:`,
    ...DEMO_USERS.map((u) => `  ${u.email.padEnd(38)} ${u.role.padEnd(18)} ${u.locale.padEnd(6)} ${u.name}`),
  ];
  return lines.join('\n');
};
