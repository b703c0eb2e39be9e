/**
 * How many minor-unit digits each currency has by ISO 4217, which the wire's whole minor units are
 * counted in. Intl's digits are a locale convention (CLDR), not the standard: it writes the rupiah,
 * the forint or the Iraqi dinar with none, where ISO 4217 counts cents and fils, so an amount read
 * through Intl's digits would show a hundred or a thousand times too much, and differently in each
 * runtime's ICU.
 */

/** The currencies whose minor unit is not a hundredth, by their ISO 4217 digits. */
const NOT_TWO: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
}

/**
 * How many minor-unit digits `currency` has by ISO 4217 (JPY none, USD two, BHD three); two for
 * every other code, as for the funds and metals ISO gives none and a code newer than this list.
 */
export function minorDigits(currency: string): number {
  return Object.hasOwn(NOT_TWO, currency) ? NOT_TWO[currency]! : 2
}
