import { EmailTemplateKinds, type EmailTemplateDto } from '@redress/contract';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/permissions.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { LANGUAGE_NAMES, SUPPORTED_LOCALES } from '../../../i18n/i18n.ts';
import { useFormatDate } from '../../../preferences-context.tsx';
import { readTemplates } from './admin-api.ts';
import { Announcer, useAnnouncer } from './admin-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';

const keyOf = (template: EmailTemplateDto) => `${template.kind}:${template.language}`;

/** Customer e-mail templates per kind and language: shipped or changed here; edit, preview, reset. */
export const Templates = () => {
  const { t } = useTranslation();
  const can = useCan();
  const { load, reload } = useLoad(readTemplates, 'email-templates');
  const [announced, announce] = useAnnouncer();
  const [open, setOpen] = useState<string | null>(null);
  const headingId = useId();

  return (
    <div className="admin-page">
      <h2 id={headingId}>{t('admin.templates.title')}</h2>
      <p className="muted">{t('admin.templates.intro')}</p>
      <Announcer message={announced} />
      <Loaded load={load} retry={reload}>
        {(templates) => {
          const opened = templates.find((template) => keyOf(template) === open);
          return (
            <>
              <div className="table-scroll">
                <table className="admin-table" aria-labelledby={headingId}>
                  <thead>
                    <tr>
                      <th scope="col">{t('admin.templates.kind')}</th>
                      {SUPPORTED_LOCALES.map((language) => (
                        <th key={language} scope="col" lang={language}>
                          {LANGUAGE_NAMES[language]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {EmailTemplateKinds.map((kind) => (
                      <tr key={kind}>
                        <th scope="row">{t(`admin.templates.kinds.${kind}`)}</th>
                        {SUPPORTED_LOCALES.map((language) => {
                          const template = templates.find((item) => item.kind === kind && item.language === language);
                          return (
                            <td key={language}>
                              {template ? (
                                <TemplateCell
                                  template={template}
                                  open={open === keyOf(template)}
                                  onToggle={() => setOpen(open === keyOf(template) ? null : keyOf(template))}
                                />
                              ) : (
                                t('admin.common.none')
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {opened && (
                <TemplateEditor
                  key={keyOf(opened)}
                  template={opened}
                  manage={can('config:manage')}
                  onClose={() => setOpen(null)}
                  onChanged={(message) => {
                    announce(message);
                    reload();
                  }}
                />
              )}
            </>
          );
        }}
      </Loaded>
    </div>
  );
};

/** One template in the table: shipped or changed (and when), and the button that opens it. */
const TemplateCell = ({
  template,
  open,
  onToggle,
}: {
  template: EmailTemplateDto;
  open: boolean;
  onToggle: () => void;
}) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <>
      <span className={`badge ${template.customised ? 'badge-wait' : 'badge-off'}`}>
        {template.customised ? t('admin.templates.customised') : t('admin.templates.shipped')}
      </span>
      {template.updatedAt && (
        <span className="cell-detail">
          {t('admin.templates.changedAt', { time: formatDate(template.updatedAt, { style: 'dateTime' }) })}
        </span>
      )}
      <button type="button" className="button-quiet button-small" aria-expanded={open} onClick={onToggle}>
        {t('admin.common.edit')}{' '}
        <span className="visually-hidden">
          {t('admin.templates.editTitle', {
            kind: t(`admin.templates.kinds.${template.kind}`),
            language: LANGUAGE_NAMES[template.language],
          })}
        </span>
      </button>
    </>
  );
};
