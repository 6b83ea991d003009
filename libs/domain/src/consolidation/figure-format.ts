import { formatCount, formatMoneyVnd, formatNumberVi, formatRatio, type MoneyUnit } from '../format/vietnamese-format';
import { nfc } from '../shared/text';
import { isRatioValue, isTableValue, QUALIFIER_LABELS_VI, type FigureValue, type Indicator } from '../templates/report-template';
import { shiftDecimal } from './exact-decimal';

/** How one indicator's numbers are written in a phrase. */
export interface FigureFormat {
  /** The noun after the number, instead of the indicator's unit: 'nhà' for an indicator counted in 'căn'. */
  noun?: string;
  /** Minimum digits of a count: 2 → '07 nhà' (the default, as documents pad small counts), 1 → '5 nhà'. */
  pad?: 1 | 2 | 3;
  /** Money indicators: write the amount in this unit ('đồng' for exact amounts, 'auto'); default: the indicator's unit. */
  money?: MoneyUnit;
  /** Decimal indicators that are not money: exactly this many decimals; default: as many as the value has. */
  decimals?: number;
}

/** Units of money indicators and the power of ten from the unit to đồng. */
const MONEY_UNITS: Readonly<Record<string, number>> = { đồng: 0, 'triệu đồng': 6, 'tỷ đồng': 9 };

export function isMoneyIndicator(indicator: Indicator): boolean {
  return Object.prototype.hasOwnProperty.call(MONEY_UNITS, indicator.unit);
}

/**
 * A figure as the report writes it, qualifier first: 'trên 100 triệu đồng', '07 nhà', '13/13 xã, thị trấn',
 * 'ước đạt 1.250 lượt người'. Money indicators are written with formatMoneyVnd (the unit comes from it, so
 * `noun` is ignored); counts with formatCount; other decimals with formatNumberVi; ratios as 'x/y noun'.
 */
export function formatFigure(indicator: Indicator, value: FigureValue, format: FigureFormat = {}): string {
  const qualifier = value.qualifier ? `${QUALIFIER_LABELS_VI[value.qualifier]} ` : '';
  if (isRatioValue(value)) return nfc(`${qualifier}${formatRatio(value.numerator, value.denominator)} ${format.noun ?? indicator.unit}`);
  if (isTableValue(value)) return nfc(indicator.annexTitle ?? indicator.name);
  if (indicator.valueType === 'percent') return nfc(`${qualifier}${formatNumberVi(value.value)}%`);
  return nfc(`${qualifier}${formatAmount(indicator, value.value, format)}`);
}

/** A bare amount of the indicator with its noun, no qualifier: '15 nhà', '570 triệu đồng', '118.491.896 đồng'. */
export function formatAmount(indicator: Indicator, amount: number, format: FigureFormat = {}): string {
  if (isMoneyIndicator(indicator)) {
    return formatMoneyVnd(
      shiftDecimal(amount, MONEY_UNITS[indicator.unit]),
      format.money ?? indicator.displayUnit ?? (indicator.unit as MoneyUnit),
    );
  }
  const noun = format.noun ?? indicator.unit;
  if (indicator.valueType === 'integer' && Number.isInteger(amount)) {
    const count = formatCount(Math.abs(amount), { pad: format.pad ?? 2 });
    return nfc(`${amount < 0 ? '-' : ''}${count} ${noun}`);
  }
  const options = format.decimals === undefined ? {} : { decimals: format.decimals };
  return nfc(`${formatNumberVi(amount, options)} ${noun}`);
}
