/**
 * Full-table check (too slow for the unit tests): every row of ../shared/reference/
 * xsec_mumuX_10p58.csv against bornCrossSection / isrCrossSection, printing the relative
 * deviations and the worst of each column. Run: npx tsx src/generate/tools/compareXsecTable.ts
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bornCrossSection, isrCrossSection } from "../mumuXCrossSection.ts";

const file = path.resolve(
  fileURLToPath(new URL("../../../", import.meta.url)),
  "../shared/reference/xsec_mumuX_10p58.csv",
);
const lines = readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l && !l.startsWith("#"));
const head = lines[0]!.split(",");
const col = (name: string): number => head.indexOf(name);
const worst = { born: 0, all: 0, cut: 0 };
for (const l of lines.slice(1)) {
  const c = l.split(",");
  const M = Number(c[0]);
  const rel = (ours: number, ref: string | undefined): number =>
    ref === "nan" ? Number.NaN : ours / Number(ref) - 1;
  const b = rel(bornCrossSection("vector", 10.58, M).sigma, c[col("sigma_vector_born_fb")]);
  let a = Number.NaN;
  let k = Number.NaN;
  if (c[col("sigma_vector_ISR_all_fb")] !== "nan") {
    a = rel(isrCrossSection("vector", 10.58, M).sigma, c[col("sigma_vector_ISR_all_fb")]);
    k = rel(
      isrCrossSection("vector", 10.58, M, { sqrtsMin: 10 }).sigma,
      c[col("sigma_vector_ISR_sqrts_gt_10_fb")],
    );
  }
  worst.born = Math.max(worst.born, Math.abs(b));
  if (!Number.isNaN(a)) worst.all = Math.max(worst.all, Math.abs(a));
  if (!Number.isNaN(k)) worst.cut = Math.max(worst.cut, Math.abs(k));
  console.log(
    `M = ${String(M).padEnd(6)} Born ${b.toExponential(2)}  ISR_all ${a.toExponential(2)}  ISR>10 ${k.toExponential(2)}`,
  );
}
console.log(
  `worst |relative deviation|: Born ${worst.born.toExponential(2)}, ISR_all ${worst.all.toExponential(2)}, ISR(sqrt s' > 10) ${worst.cut.toExponential(2)} (target 5e-3)`,
);
