import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBothBackends } from '../../../test/pg-util.ts';
import { toDbTime } from '../codec.ts';
import { orgRepository } from './org.repository.ts';
import { unitOfWork } from '../unit-of-work.ts';

describeBothBackends('organisation repository', (backend) => {
  test('sites, teams and idempotent memberships behave alike on both backends', async (t) => {
    const db = await backend.open(t);
    const store = unitOfWork(db, orgRepository);
    const at = new Date('2026-01-20T02:00:00.000Z');
    await db.write((tx) =>
      tx
        .insertInto('users')
        .values({
          id: 'usr_1',
          email: 'a@example.test',
          name: 'A',
          role: 'agent',
          locale: 'th',
          password_hash: null,
          site_id: null,
          created_at: toDbTime(at),
          updated_at: toDbTime(at),
          disabled_at: null,
        })
        .execute(),
    );
    await store.write(async (repo) => {
      await repo.insertSite({
        id: 'site_1',
        name: '上海徐汇店',
        code: 'SHA-01',
        timeZone: 'Asia/Shanghai',
        createdAt: at,
      });
      await repo.insertTeam({ id: 'team_w', name: '仓库', kind: 'department', siteId: 'site_1', createdAt: at });
      await repo.insertTeam({ id: 'team_b', name: 'Billing', kind: 'department', siteId: null, createdAt: at });
    });
    assert.equal((await store.read.findSiteByCode('SHA-01'))?.name, '上海徐汇店');
    assert.equal(await store.write((repo) => repo.addMember('team_w', 'usr_1', at)), true);
    assert.equal(await store.write((repo) => repo.addMember('team_w', 'usr_1', at)), false);
    const teams = await store.read.listTeams({ siteId: 'site_1' });
    assert.deepEqual(
      teams.map((x) => [x.id, x.memberIds]),
      [['team_w', ['usr_1']]],
    );
    assert.equal((await store.read.listTeams({ kind: 'department' })).length, 2);
    await store.write((repo) => repo.setUserSite('usr_1', 'site_1', at));
    await assert.rejects(
      store.write((repo) => repo.setUserSite('usr_1', 'site_missing', at)),
      'foreign key to sites',
    );
    assert.equal(await store.write((repo) => repo.removeMember('team_w', 'usr_1')), true);
    assert.equal(await store.write((repo) => repo.removeMember('team_w', 'usr_1')), false);
    assert.equal(await store.read.userExists('usr_1'), true);
    assert.equal(await store.read.userExists('usr_2'), false);
  });
});
