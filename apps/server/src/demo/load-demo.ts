import type { Deps } from '../deps.ts';
import { systemContext } from '../shared/unit-of-work.ts';
import { loadDemoAnswers } from './demo-answers.ts';
import { loadDemoCases } from './demo-cases.ts';
import { loadDemoPromises } from './demo-promises.ts';

/** Everyone in the demo signs in with this password. It is a demo: change it before real use. */
export const DEMO_PASSWORD = 'redress-demo-2026';

interface DemoUser {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly locale: string;
  /** Site code of the user's home site; none for brand-wide people. */
  readonly site?: string;
  /** Team names (at the user's site) the user belongs to. */
  readonly teams?: readonly string[];
}

interface DemoSite {
  readonly code: string;
  readonly name: string;
  readonly timeZone: string;
  readonly teams: readonly { readonly name: string; readonly kind: 'frontline' | 'department' }[];
}

/** A courier and car-dealer network across Taipei, Shanghai, Bangkok and London. */
export const DEMO_SITES: readonly DemoSite[] = [
  {
    code: 'TPE-01',
    name: '台北信義服務中心',
    timeZone: 'Asia/Taipei',
    teams: [
      { name: '客服一組', kind: 'frontline' },
      { name: '維修部', kind: 'department' },
    ],
  },
  {
    code: 'SHA-01',
    name: '上海徐汇服务中心',
    timeZone: 'Asia/Shanghai',
    teams: [
      { name: '客服组', kind: 'frontline' },
      { name: '仓库', kind: 'department' },
    ],
  },
  {
    code: 'BKK-01',
    name: 'ศูนย์บริการสีลม',
    timeZone: 'Asia/Bangkok',
    teams: [
      { name: 'ทีมบริการลูกค้า', kind: 'frontline' },
      { name: 'คลังสินค้า', kind: 'department' },
    ],
  },
  {
    code: 'LON-01',
    name: 'London Wharf Depot',
    timeZone: 'Europe/London',
    teams: [
      { name: 'Customer care', kind: 'frontline' },
      { name: 'Billing', kind: 'department' },
    ],
  },
];

/**
 * The demo organisation's people: a courier and car-dealer network working in four languages.
 * Customers and their complaints come from demo-cases.ts.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'sarah.mitchell@demo.redress.local',
    name: 'Sarah Mitchell',
    role: 'supervisor',
    locale: 'en',
    site: 'LON-01',
    teams: ['Customer care'],
  },
  {
    email: 'james.okafor@demo.redress.local',
    name: 'James Okafor',
    role: 'agent',
    locale: 'en',
    site: 'LON-01',
    teams: ['Customer care'],
  },
  {
    email: 'chen.meiling@demo.redress.local',
    name: '陳美玲',
    role: 'agent',
    locale: 'zh-TW',
    site: 'TPE-01',
    teams: ['客服一組'],
  },
  { email: 'lin.zhiwei@demo.redress.local', name: '林志偉', role: 'manager', locale: 'zh-TW', site: 'TPE-01' },
  {
    email: 'wang.lei@demo.redress.local',
    name: '王磊',
    role: 'agent',
    locale: 'zh-CN',
    site: 'SHA-01',
    teams: ['客服组'],
  },
  {
    email: 'zhao.min@demo.redress.local',
    name: '赵敏',
    role: 'department_member',
    locale: 'zh-CN',
    site: 'SHA-01',
    teams: ['仓库'],
  },
  {
    email: 'somchai.jaidee@demo.redress.local',
    name: 'สมชาย ใจดี',
    role: 'agent',
    locale: 'th',
    site: 'BKK-01',
    teams: ['ทีมบริการลูกค้า'],
  },
  {
    email: 'niran.thongdee@demo.redress.local',
    name: 'นิรันดร์ ทองดี',
    role: 'department_member',
    locale: 'th',
    site: 'BKK-01',
    teams: ['คลังสินค้า'],
  },
  { email: 'malee.srisuk@demo.redress.local', name: 'มาลี ศรีสุข', role: 'quality_analyst', locale: 'th' },
  { email: 'admin@demo.redress.local', name: 'Demo Administrator', role: 'admin', locale: 'en' },
];

/** Creates the demo sites and their teams, or finds them; returns team ids by `<site code>/<team name>`. */
const loadSites = async (deps: Deps): Promise<{ sites: Map<string, string>; teams: Map<string, string> }> => {
  const ctx = systemContext('demo');
  const sites = new Map((await deps.org.listSites(ctx)).map((site) => [site.code, site.id]));
  const teams = new Map<string, string>();
  for (const demo of DEMO_SITES) {
    const siteId = sites.get(demo.code) ?? (await deps.org.createSite(ctx, demo)).id;
    sites.set(demo.code, siteId);
    const existing = await deps.org.listTeams(ctx, { siteId });
    for (const team of demo.teams) {
      const found = existing.find((t) => t.name === team.name);
      teams.set(`${demo.code}/${team.name}`, found?.id ?? (await deps.org.createTeam(ctx, { ...team, siteId })).id);
    }
  }
  return { sites, teams };
};

/** The site's language for the portal entry customers of that site use. */
const SITE_LANGUAGE: Readonly<Record<string, 'zh-TW' | 'zh-CN' | 'th' | 'en'>> = {
  'TPE-01': 'zh-TW',
  'SHA-01': 'zh-CN',
  'BKK-01': 'th',
  'LON-01': 'en',
};

/**
 * A portal entry per site, owned by the site's first agent, and the complaints address Redress's
 * own SMTP receiver takes mail for (Taipei). Returns the portal channels' ids by site code.
 */
const loadDemoChannels = async (deps: Deps, sites: Map<string, string>): Promise<Map<string, string>> => {
  const ctx = systemContext('demo');
  const existing = await deps.intakeChannels.listChannels(ctx);
  const portals = new Map<string, string>();
  for (const site of DEMO_SITES) {
    const agent = DEMO_USERS.find((u) => u.role === 'agent' && u.site === site.code);
    const owner = agent && (await deps.identity.findUserByEmail(agent.email));
    const siteId = sites.get(site.code);
    if (!owner || !siteId) continue;
    const name = `Portal · ${site.name}`;
    const found = existing.find((c) => c.kind === 'portal' && c.name === name);
    const channel =
      found ??
      (await deps.intakeChannels.createChannel(ctx, {
        kind: 'portal',
        name,
        siteId,
        ownerId: owner.id,
        language: SITE_LANGUAGE[site.code] ?? null,
      }));
    portals.set(site.code, channel.id);
    if (site.code === 'TPE-01' && !existing.some((c) => c.kind === 'smtp')) {
      await deps.intakeChannels.createChannel(ctx, {
        kind: 'smtp',
        name: 'Complaints mailbox',
        address: 'complaints@demo.redress.local',
        siteId,
        ownerId: owner.id,
      });
    }
  }
  return portals;
};

/** Loads the demo organisation; running it twice adds nothing the second time. Returns a summary. */
export const loadDemo = async (deps: Deps): Promise<string> => {
  const ctx = systemContext('demo');
  const { sites, teams } = await loadSites(deps);
  let created = 0;
  for (const user of DEMO_USERS) {
    if (await deps.identity.findUserByEmail(user.email)) continue;
    const { site, teams: teamNames, ...fields } = user;
    const createdUser = await deps.identity.createUser(ctx, { ...fields, password: DEMO_PASSWORD });
    if (site) await deps.org.setUserSite(ctx, createdUser.id, sites.get(site) ?? null);
    for (const name of teamNames ?? []) {
      const teamId = teams.get(`${site ?? ''}/${name}`);
      if (teamId) await deps.org.addMember(ctx, teamId, createdUser.id);
    }
    created += 1;
  }
  await loadDemoPromises(deps, sites);
  const cases = await loadDemoCases(deps, sites);
  const answers = await loadDemoAnswers(deps);
  const portals = await loadDemoChannels(deps, sites);
  const lines = [
    `Demo organisation ready: ${DEMO_SITES.length} sites, ${created} new of ${DEMO_USERS.length} people, ${cases} new complaints, ${answers} new best answers.`,
    `Sign in as any of them with the password ${DEMO_PASSWORD}, e.g.:`,
    ...DEMO_USERS.map((u) => `  ${u.email.padEnd(38)} ${u.role.padEnd(18)} ${u.locale.padEnd(6)} ${u.name}`),
    'Customers file complaints through the portal of each site:',
    ...[...portals].map(([code, id]) => `  ${code.padEnd(8)} ${deps.config.publicUrl}/portal?channel=${id}`),
  ];
  return lines.join('\n');
};
