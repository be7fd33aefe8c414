/**
 * Integral of exp(-t^2/2) between t1 and t2, without the cancellation of erf(t2) - erf(t1) when
 * both limits sit in the same tail (where the Crystal Ball cores of narrow peaks often are).
 */
import { erf, erfc } from "../../core/special.ts";

const SQRT_HALF_PI = Math.sqrt(Math.PI / 2);
const INV_SQRT2 = Math.SQRT1_2;

/** ∫_{t1}^{t2} exp(-t^2/2) dt (dimensionless), for t1 <= t2; infinite limits allowed. */
export function gaussIntegral(t1: number, t2: number): number {
  if (t1 >= 0) return SQRT_HALF_PI * (erfc(t1 * INV_SQRT2) - erfc(t2 * INV_SQRT2));
  if (t2 <= 0) return SQRT_HALF_PI * (erfc(-t2 * INV_SQRT2) - erfc(-t1 * INV_SQRT2));
  return SQRT_HALF_PI * (erf(t2 * INV_SQRT2) - erf(t1 * INV_SQRT2));
}
