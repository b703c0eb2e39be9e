import { describe, expect, it } from 'vitest'
import { decimalText, formatMoney, minorDigits } from '../../../../src/shared/money/format-money'
import { MAX_AMOUNT_MINOR, Money, Price } from '../../../../src/shared/money/money'

describe('money on the wire', () => {
  it('takes whole minor units and an ISO 4217 code', () => {
    expect(Money.parse({ amountMinor: -1250, currency: 'EUR' })).toEqual({
      amountMinor: -1250,
      currency: 'EUR',
    })
    expect(Money.safeParse({ amountMinor: 12.5, currency: 'EUR' }).success).toBe(false)
    expect(Money.safeParse({ amountMinor: 1, currency: 'eur' }).success).toBe(false)
    expect(Money.safeParse({ amountMinor: 1, currency: 'EURO' }).success).toBe(false)
    expect(Money.safeParse({ amountMinor: '1', currency: 'EUR' }).success).toBe(false)
    expect(Money.safeParse({ amountMinor: MAX_AMOUNT_MINOR + 1, currency: 'EUR' }).success).toBe(false)
    expect(Money.safeParse({ amountMinor: Number.MAX_SAFE_INTEGER, currency: 'EUR' }).success).toBe(false)
    expect(Money.safeParse({ amountMinor: Infinity, currency: 'EUR' }).success).toBe(false)
  })

  it('refuses a negative price', () => {
    expect(Price.safeParse({ amountMinor: -1, currency: 'USD' }).success).toBe(false)
    expect(Price.safeParse({ amountMinor: 0, currency: 'USD' }).success).toBe(true)
  })
})

describe('formatting money', () => {
  it('counts each currency’s minor units by ISO 4217', () => {
    expect(minorDigits('USD')).toBe(2)
    expect(minorDigits('JPY')).toBe(0)
    expect(minorDigits('BHD')).toBe(3)
    expect(minorDigits('CLF')).toBe(4)
    // Intl writes these with no decimals, as people there do; ISO 4217 counts cents and fils.
    expect(minorDigits('IDR')).toBe(2)
    expect(minorDigits('HUF')).toBe(2)
    expect(minorDigits('IQD')).toBe(3)
    // A code this list does not know, and one that names no object property, count hundredths.
    expect(minorDigits('ABC')).toBe(2)
    expect(minorDigits('toString')).toBe(2)
  })

  it('shows an amount in the units the wire counted, where Intl’s own digits would differ', () => {
    expect(formatMoney({ amountMinor: 15_000_050, currency: 'IDR' }, 'en-US')).toBe('IDR\u00a0150,000.50')
    expect(formatMoney({ amountMinor: 1_250, currency: 'IQD' }, 'en-US')).toBe('IQD\u00a01.250')
    expect(formatMoney({ amountMinor: 12_345, currency: 'HUF' }, 'en-US')).toBe('HUF\u00a0123.45')
    expect(formatMoney({ amountMinor: 1_250, currency: 'ABC' }, 'en-US')).toBe('ABC\u00a012.50')
  })

  it('writes the amount as the locale writes its currency', () => {
    expect(formatMoney({ amountMinor: 1250, currency: 'USD' }, 'en-US')).toBe('$12.50')
    expect(formatMoney({ amountMinor: 1250, currency: 'JPY' }, 'en-US')).toBe('¥1,250')
    expect(formatMoney({ amountMinor: 1250, currency: 'BHD' }, 'en-US')).toBe('BHD\u00a01.250')
    expect(formatMoney({ amountMinor: 123456, currency: 'EUR' }, 'de-DE')).toBe('1.234,56\u00a0€')
    expect(formatMoney({ amountMinor: -1000, currency: 'USD' }, 'en-US')).toBe('-$10.00')
    expect(formatMoney({ amountMinor: 5, currency: 'USD' }, 'en-US')).toBe('$0.05')
  })

  it('shows the largest amount exactly, not a float’s approximation', () => {
    expect(formatMoney({ amountMinor: MAX_AMOUNT_MINOR - 1, currency: 'USD' }, 'en-US')).toBe(
      '$9,999,999,999.99',
    )
    expect(decimalText(-MAX_AMOUNT_MINOR + 1, 3)).toBe('-999999999.999')
    expect(decimalText(7, 3)).toBe('0.007')
    expect(decimalText(0, 2)).toBe('0.00')
  })
})
