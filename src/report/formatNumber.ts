/**
 * Number formatting for human-readable tables (Markdown, HTML): a fixed number of significant
 * digits, integers printed whole, exponent notation only for very large or very small magnitudes.
 * Machine-readable outputs (CSV, HEPData, JSON) keep full precision instead ({@link fullPrecision}).
 */

/**
 * `v` with `digits` significant digits (default 3): integers as integers (12345 -> "12345"),
 * |v| >= 10^digits rounded to an integer (12345.6 -> "12346"), |v| < 1e-3 or >= 1e7 in exponent
 * form ("1.23e-4"), otherwise toPrecision ("0.0512", "3.14"). NaN -> "NaN", ±Infinity -> "∞"/"-∞".
 *
 * @example formatNumber(0.051234) // "0.0512"
 */
export function formatNumber(v: number, digits = 3): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "-∞";
  const a = Math.abs(v);
  if (a === 0) return "0";
  if (a >= 1e7 || a < 1e-3) return v.toExponential(digits - 1).replace("e+", "e");
  if (Number.isInteger(v)) return String(v);
  if (a >= 10 ** digits) return String(Math.round(v));
  return v.toPrecision(digits);
}

/**
 * Shortest text that reads back to the same double (JavaScript's own number-to-string), with
 * "inf"/"-inf"/"nan" for the non-finite values as numpy and pandas read them.
 *
 * @example fullPrecision(0.1 + 0.2) // "0.30000000000000004"
 */
export function fullPrecision(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  return String(v);
}
