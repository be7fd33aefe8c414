/**
 * Small CSV reader for numeric tables (event lists, resolution tables): a header line with column
 * names, then comma-separated numbers. Blank lines and lines starting with '#' are skipped;
 * "nan"/"NaN" parse to NaN (callers decide whether that is allowed); an empty cell or a
 * non-numeric value is an InputError naming the file, row and column.
 */
import { readFileSync } from "node:fs";
import { InputError } from "../core/errors.ts";

/** Columns of a CSV file by name (GeV or whatever the file holds). */
export interface CsvColumns {
  names: string[];
  columns: Record<string, Float64Array>;
  nRows: number;
}

/**
 * Read `path`; with `want`, only those columns (an unknown name is an InputError listing the
 * available ones).
 * @example readCsvColumns("res.csv", ["mass", "sigma"]).columns.sigma
 */
export function readCsvColumns(path: string, want?: readonly string[]): CsvColumns {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(`cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, path);
  }
  const lines = text.split(/\r?\n/);
  let li = 0;
  while (li < lines.length && (!lines[li]!.trim() || lines[li]!.trim().startsWith("#"))) li++;
  if (li >= lines.length) throw new InputError("empty CSV file (no header line)", path);
  const names = lines[li]!.split(",").map((s) => s.trim().replace(/^"(.*)"$/, "$1"));
  const pick = want ?? names;
  const idx = pick.map((n) => {
    const j = names.indexOf(n);
    if (j < 0) throw new InputError(`unknown column "${n}" (columns: ${names.join(", ")})`, path);
    return j;
  });
  const data: number[][] = pick.map(() => []);
  for (li = li + 1; li < lines.length; li++) {
    const raw = lines[li]!.trim();
    if (!raw || raw.startsWith("#")) continue;
    const cells = raw.split(",");
    if (cells.length !== names.length)
      throw new InputError(
        `has ${cells.length} fields, the header has ${names.length}`,
        path,
        `line ${li + 1}`,
      );
    for (let c = 0; c < idx.length; c++) {
      const s = cells[idx[c]!]!.trim();
      if (s === "") throw new InputError(`empty value in column "${pick[c]}"`, path, `line ${li + 1}`);
      const v = /^[+-]?nan$/i.test(s) ? Number.NaN : Number(s);
      if (Number.isNaN(v) && !/nan$/i.test(s))
        throw new InputError(`"${s}" in column "${pick[c]}" is not a number`, path, `line ${li + 1}`);
      data[c]!.push(v);
    }
  }
  const columns: Record<string, Float64Array> = {};
  pick.forEach((n, c) => {
    columns[n] = Float64Array.from(data[c]!);
  });
  return { names, columns, nRows: data[0]?.length ?? 0 };
}
