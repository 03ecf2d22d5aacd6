/** How many minor units a currency's major unit has (TWD 2, JPY 0, KWD 3), as `Intl` knows it. */
export const currencyDigits = (currency: string): number => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/** Minor units (cents, satang) as the amount people type: 100000 TWD minor units → "1000". */
export const minorToMajorText = (minor: number | null, currency: string | null): string =>
  minor === null ? '' : String(minor / 10 ** currencyDigits(currency ?? 'XXX'));

/** What people typed as minor units, or null for "no limit"; NaN when it is not an amount. */
export const majorTextToMinor = (text: string, currency: string): number | null => {
  const trimmed = text.trim().replace(/[,\s]/g, '');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= 0 ? Math.round(value * 10 ** currencyDigits(currency)) : Number.NaN;
};

/** An amount of minor units in its currency, for the reader: "NT$1,000.00", "฿5,000.00". */
export const formatMoney = (minor: number, currency: string, locale: string): string => {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
      minor / 10 ** currencyDigits(currency),
    );
  } catch {
    return `${minor / 100} ${currency}`;
  }
};
