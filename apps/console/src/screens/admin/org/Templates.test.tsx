import type { EmailTemplateDto } from '@redress/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../test/harness.tsx';
import { bodyOf, describedText, renderAdmin } from './admin-test-kit.tsx';

afterEach(() => vi.unstubAllGlobals());

const template = (overrides: Partial<EmailTemplateDto> = {}): EmailTemplateDto => ({
  kind: 'acknowledgement',
  language: 'en',
  subject: 'We have your complaint',
  body: 'Dear {{customerName}},\n\nWe will answer by {{hearBackBy}}.\n\n{{portalLink}}',
  customised: false,
  variables: ['customerName', 'caseRef', 'hearBackBy', 'portalLink'],
  required: ['portalLink'],
  updatedAt: null,
  ...overrides,
});

const thai = template({
  language: 'th',
  subject: 'เราได้รับเรื่องของคุณแล้ว',
  body: 'เรียน คุณ{{customerName}}\n\n{{portalLink}}',
  customised: true,
  updatedAt: '2026-03-01T04:00:00.000Z',
});

const PATH = '/api/v1/email-templates/acknowledgement';
const list = () => json(200, { items: [template(), thai] });

const openEditor = async (user: ReturnType<typeof userEvent.setup>, name: RegExp) => {
  await user.click(await screen.findByRole('button', { name }));
  return within(screen.getByRole('heading', { level: 3 }).closest('form')!);
};

describe('e-mail templates', { timeout: 20_000 }, () => {
  it('lists each kind by language as shipped or changed here', async () => {
    await renderAdmin('templates', { 'GET /api/v1/email-templates': list });

    const table = within(await screen.findByRole('table', { name: 'E-mail templates' }));
    expect(table.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'E-mail',
      'English',
      '繁體中文',
      '简体中文',
      'ไทย',
    ]);
    const row = table.getAllByRole('row')[1]!;
    expect(within(row).getByRole('rowheader').textContent).toBe('We have your complaint');
    const [english, traditional, , thaiCell] = within(row).getAllByRole('cell');
    expect(english!.textContent).toBe('As shippedChange We have your complaint — English');
    expect(traditional!.textContent).toBe('None');
    expect(within(thaiCell!).getByText('Changed here')).toBeDefined();
    expect(within(thaiCell!).getByText(/^Changed .*2026/)).toBeDefined();
    expect(table.getAllByRole('row')).toHaveLength(7);
  });

  it('saves the edited subject and text with PUT, and lists the placeholders it knows', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = await renderAdmin('templates', {
      'GET /api/v1/email-templates': list,
      [`PUT ${PATH}/en`]: () => json(200, template({ subject: 'Thank you', customised: true })),
    });

    const form = await openEditor(user, /^Change We have your complaint — English$/);
    expect(form.getByText('{{portalLink}}').parentElement?.textContent).toBe('{{portalLink}} (must be used)');
    const subject = form.getByLabelText('Subject');
    await user.clear(subject);
    await user.type(subject, 'Thank you');
    await user.click(form.getByRole('button', { name: 'Save template' }));

    expect((await screen.findByRole('status')).textContent).toBe('The template was saved.');
    expect(bodyOf(callsTo(`PUT ${PATH}/en`))).toEqual({ subject: 'Thank you', body: template().body });
  });

  it('puts the server’s placeholder problems into words next to the text', async () => {
    const user = userEvent.setup({ delay: null });
    await renderAdmin(
      'templates',
      {
        'GET /api/v1/email-templates': list,
        [`PUT ${PATH}/th`]: () =>
          json(400, {
            error: {
              code: 'validation_failed',
              message: 'The template is not valid',
              details: [
                { field: '/body/body', message: 'unknown placeholder {{customer}}; known: customerName, portalLink' },
                { field: '/body/body', message: 'must use {{portalLink}}' },
              ],
            },
          }),
      },
      { locale: 'th' },
    );

    const form = await openEditor(user, /^แก้ไข ได้รับเรื่องร้องเรียนแล้ว — ภาษาไทย$/);
    await user.click(form.getByRole('button', { name: 'บันทึกแม่แบบ' }));

    const body = form.getByLabelText('ข้อความ');
    await waitFor(() => expect(body.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(body)).toBe('{{customer}} ไม่ใช่ตัวแทนข้อความที่อีเมลนี้รู้จัก');
    expect(form.getByLabelText('หัวเรื่อง').getAttribute('aria-invalid')).toBeNull();
  });

  it('shows the preview as plain text and as HTML inside an empty sandbox, never in the page', async () => {
    const user = userEvent.setup({ delay: null });
    const html =
      '<!doctype html><html><body><p id="from-preview">Dear Alex</p><script>parent.document.title = "owned"</script></body></html>';
    const { callsTo } = await renderAdmin('templates', {
      'GET /api/v1/email-templates': list,
      [`POST ${PATH}/en/preview`]: () =>
        json(200, { subject: 'We have your complaint [C-2026-000123]', text: 'Dear Alex Chen,\n\nSoon.', html }),
    });

    const form = await openEditor(user, /^Change We have your complaint — English$/);
    await user.click(form.getByRole('button', { name: 'Preview' }));

    const preview = within(await screen.findByRole('region', { name: 'Preview with sample details' }));
    expect(preview.getByText('Subject: We have your complaint [C-2026-000123]')).toBeDefined();
    expect(preview.getByText(/Dear Alex Chen,\s+Soon\./).tagName).toBe('PRE');
    const frame = preview.getByTitle<HTMLIFrameElement>('E-mail preview');
    expect(frame.tagName).toBe('IFRAME');
    // Present and empty: no scripts, no forms, no same origin.
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toBe(html);
    expect(document.getElementById('from-preview')).toBeNull();
    expect(document.querySelector('.admin-page script')).toBeNull();
    expect(document.title).not.toBe('owned');
    expect(bodyOf(callsTo(`POST ${PATH}/en/preview`))).toEqual({ subject: template().subject, body: template().body });
  });

  it('goes back to the shipped text only after asking', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = await renderAdmin('templates', {
      'GET /api/v1/email-templates': list,
      [`DELETE ${PATH}/th`]: () => json(200, template({ language: 'th', subject: 'ข้อความเริ่มต้น' })),
    });

    const form = await openEditor(user, /^Change We have your complaint — ไทย$/);
    await user.click(form.getByRole('button', { name: 'Go back to the shipped text' }));
    expect(callsTo(`DELETE ${PATH}/th`)).toHaveLength(0);
    const question = form.getByRole('group', { name: 'Throw away the changed text and use the shipped one?' });
    await user.click(within(question).getByRole('button', { name: 'Yes, go back' }));

    expect((await screen.findByRole('status')).textContent).toBe('The shipped text is in use again.');
    expect(callsTo(`DELETE ${PATH}/th`)).toHaveLength(1);
    expect(form.getByLabelText<HTMLInputElement>('Subject').value).toBe('ข้อความเริ่มต้น');
  });
});
