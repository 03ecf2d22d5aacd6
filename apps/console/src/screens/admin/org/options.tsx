import { Roles, type SiteDto, type UserDto } from '@redress/contract';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, SUPPORTED_LOCALES } from '../../../i18n/i18n.ts';

/** `<option>`s for every role, in words. */
export const RoleOptions = () => {
  const { t } = useTranslation();
  return Roles.map((role) => (
    <option key={role} value={role}>
      {t(`roles.${role}`)}
    </option>
  ));
};

/** `<option>`s for the four languages, each named in itself. */
export const LocaleOptions = () =>
  SUPPORTED_LOCALES.map((locale) => (
    <option key={locale} value={locale} lang={locale}>
      {LANGUAGE_NAMES[locale]}
    </option>
  ));

/** `<option>`s for "brand-wide" (value `''`) and each site. */
export const SiteOptions = ({ sites }: { sites: readonly SiteDto[] }) => {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{t('admin.common.brandWide')}</option>
      {sites.map((site) => (
        <option key={site.id} value={site.id}>
          {site.name} ({site.code})
        </option>
      ))}
    </>
  );
};

/** A site's name for a table cell: brand-wide for null, a dash when unknown. */
export const useSiteName = (sites: readonly SiteDto[]) => {
  const { t } = useTranslation();
  return (siteId: string | null | undefined): string => {
    if (siteId === null) return t('admin.common.brandWide');
    if (siteId === undefined) return t('admin.common.none');
    return sites.find((site) => site.id === siteId)?.name ?? siteId;
  };
};

/** A user's name for a table cell, or the id when the user is not in the list. */
export const userName = (users: readonly UserDto[], userId: string): string =>
  users.find((user) => user.id === userId)?.name ?? userId;
