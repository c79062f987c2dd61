export const CURRENCIES = ['usd', 'eur', 'gbp', 'cad', 'mxn'] as const
export type Currency = (typeof CURRENCIES)[number]

/** Integer minor units (cents) → "$12.50"-style text for messages (in `locale`'s notation). */
export const formatMoney = (cents: number, currency: string, locale = 'en') =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() }).format(
    cents / 100,
  )
