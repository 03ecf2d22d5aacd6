import type { PortalRepository } from '../../modules/portal/index.ts';
import { readJson, readTime } from '../codec.ts';
import type { Tx } from '../database.ts';

/** The portal's reads over Kysely; `tx` is either the read side or an open transaction. */
export const portalRepository = (tx: Tx): PortalRepository => ({
  async findPortalChannel(id) {
    let query = tx
      .selectFrom('intake_channels')
      .select(['id', 'site_id', 'owner_id', 'language'])
      .where('kind', '=', 'portal')
      .where('enabled', '=', true);
    query = id ? query.where('id', '=', id) : query.orderBy('created_at').orderBy('id');
    const row = await query.limit(1).executeTakeFirst();
    return row ? { id: row.id, siteId: row.site_id, ownerId: row.owner_id, language: row.language } : undefined;
  },

  async organisationName() {
    const row = await tx
      .selectFrom('org_settings')
      .select('value')
      .where('key', '=', 'organisation')
      .executeTakeFirst();
    if (!row) return null;
    const value = readJson<{ name?: unknown } | null>(row.value);
    return typeof value?.name === 'string' && value.name.trim() ? value.name.trim() : null;
  },

  async caseForRefAndEmail(ref, email) {
    const found = await tx
      .selectFrom('cases')
      .innerJoin('customers', 'customers.id', 'cases.customer_id')
      .select(['cases.id', 'cases.customer_id', 'customers.merged_into'])
      .where('cases.ref', '=', ref)
      .executeTakeFirst();
    if (!found) return undefined;
    const owners = [found.customer_id, ...(found.merged_into ? [found.merged_into] : [])];
    const contact = await tx
      .selectFrom('customer_contacts')
      .select('customer_id')
      .where('customer_id', 'in', owners)
      .where('kind', '=', 'email')
      .where('value', '=', email)
      .executeTakeFirst();
    return contact ? found.id : undefined;
  },

  async openCommitmentDues(caseIds) {
    if (caseIds.length === 0) return [];
    const rows = await tx
      .selectFrom('commitments')
      .select('due_at')
      .where('case_id', 'in', caseIds)
      .where('status', '=', 'open')
      .execute();
    return rows.map((row) => readTime(row.due_at));
  },

  async emailAttachmentIds(emailIds) {
    const out = new Map<string, string[]>();
    if (emailIds.length === 0) return out;
    const rows = await tx
      .selectFrom('email_messages')
      .select(['id', 'attachment_ids'])
      .where('id', 'in', emailIds)
      .execute();
    for (const row of rows) {
      const ids = readJson<unknown>(row.attachment_ids);
      out.set(row.id, Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : []);
    }
    return out;
  },

  async latestSurveyStatus(caseId) {
    const row = await tx
      .selectFrom('surveys')
      .select('status')
      .where('case_id', '=', caseId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.status ?? null;
  },
});
