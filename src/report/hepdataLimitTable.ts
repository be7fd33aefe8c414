/**
 * HEPData tables for the standard result figures: upper limits vs mass with the expected bands
 * (the Brazil plot) and plain curves vs mass (coupling limits, significance). The expected limit is
 * written as the median with asymmetric errors labelled "1 sigma" and "2 sigma" (minus signed,
 * negative), the way HEPData shows Brazil bands; the observed limit is a separate variable.
 */
import type { LimitBands } from "./brazilBandPlot.ts";
import type { HepdataDependent, HepdataHeader, HepdataQualifier, HepdataTable } from "./hepdata.ts";

/** Descriptive fields shared by the table builders. */
export interface HepdataTableInfo {
  /** Unique table name. */
  name: string;
  /** What the table shows. */
  description: string;
  /** Where in the paper, e.g. "Figure 6". */
  location?: string;
  /** Header of the x variable, e.g. { name: "M_Z'", units: "GeV" }. */
  x: HepdataHeader;
  /** Qualifiers attached to every dependent variable, e.g. [{ name: "SQRT(S)", value: 10.58, units: "GeV" }]. */
  qualifiers?: readonly HepdataQualifier[];
  /** Keywords (observables, reactions, cmenergies, ...). */
  keywords?: HepdataTable["keywords"];
}

function tableHead(
  info: HepdataTableInfo,
): Pick<HepdataTable, "name" | "description" | "location" | "keywords"> {
  const t: Pick<HepdataTable, "name" | "description" | "location" | "keywords"> = {
    name: info.name,
    description: info.description,
  };
  if (info.location) t.location = info.location;
  if (info.keywords) t.keywords = info.keywords;
  return t;
}

/**
 * Upper limits vs mass as one HEPData table: x = mass; "Observed" (if given) and "Expected"
 * (median, errors "1 sigma"/"2 sigma" = band edges minus median) limits on `y`, qualified with the
 * CL. Missing results (NaN) are not dropped: {@link hepdataFiles} rejects them, naming the column.
 *
 * @example hepdataLimitTable(bands, { name: "Cross-section limits", description: "...", x: { name: "M_Z'", units: "GeV" } },
 *   { name: "sigma(e+e- -> mu+mu-Z') x B(Z' -> invisible)", units: "fb" })
 */
export function hepdataLimitTable(
  b: LimitBands,
  info: HepdataTableInfo,
  y: HepdataHeader,
  clPercent = 90,
): HepdataTable {
  const n = b.mass.length;
  const q: HepdataQualifier[] = [{ name: "CL", value: `${clPercent}%` }, ...(info.qualifiers ?? [])];
  const dependent: HepdataDependent[] = [];
  if (b.observed)
    dependent.push({
      header: { name: `Observed ${y.name}`, ...(y.units ? { units: y.units } : {}) },
      qualifiers: q,
      values: Array.from({ length: n }, (_, i) => ({ value: b.observed![i]! })),
    });
  dependent.push({
    header: { name: `Expected ${y.name}`, ...(y.units ? { units: y.units } : {}) },
    qualifiers: q,
    values: Array.from({ length: n }, (_, i) => {
      const med = b.expectedMedian[i]!;
      return {
        value: med,
        errors: [
          {
            asymerror: { plus: b.expectedPlus1[i]! - med, minus: b.expectedMinus1[i]! - med },
            label: "1 sigma",
          },
          {
            asymerror: { plus: b.expectedPlus2[i]! - med, minus: b.expectedMinus2[i]! - med },
            label: "2 sigma",
          },
        ],
      };
    }),
  });
  return {
    ...tableHead(info),
    independent: [{ header: info.x, values: Array.from({ length: n }, (_, i) => ({ value: b.mass[i]! })) }],
    dependent,
  };
}

/**
 * Curves sharing one x (e.g. g' limits observed/expected, or Z_local) as one HEPData table.
 *
 * @example hepdataCurveTable({ name: "Coupling limits", description: "...", x: { name: "M_Z'", units: "GeV" } }, mass,
 *   [{ header: { name: "g' (observed)" }, values: gObs }])
 */
export function hepdataCurveTable(
  info: HepdataTableInfo,
  x: ArrayLike<number>,
  curves: readonly {
    header: HepdataHeader;
    values: ArrayLike<number>;
    qualifiers?: readonly HepdataQualifier[];
  }[],
): HepdataTable {
  return {
    ...tableHead(info),
    independent: [{ header: info.x, values: Array.from(x, (value) => ({ value })) }],
    dependent: curves.map((c) => {
      const q = [...(c.qualifiers ?? []), ...(info.qualifiers ?? [])];
      const d: HepdataDependent = { header: c.header, values: Array.from(c.values, (value) => ({ value })) };
      if (q.length) d.qualifiers = q;
      return d;
    }),
  };
}
