import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../core/errors.ts";
import { formatNumber, fullPrecision } from "./formatNumber.ts";
import { cutFlowTable, type Table, tableToCsv, tableToHtml, tableToMarkdown } from "./tables.ts";

const cutflow = cutFlowTable(
  ["generated", "2 muons", "photon veto"],
  [
    { name: "μμ(γ)", yields: [1234567.8, 20000, 512.25] },
    { name: "ττ", yields: [0, 0, 0] },
  ],
  { caption: "Cut flow, 79.7 fb⁻¹" },
);

test("formatNumber keeps 3 significant digits, integers whole, exponents only far from 1", () => {
  assert.equal(formatNumber(0.051234), "0.0512");
  assert.equal(formatNumber(4.56789), "4.57");
  assert.equal(formatNumber(12345.6), "12346");
  assert.equal(formatNumber(20000), "20000");
  assert.equal(formatNumber(1.5e-5), "1.50e-5");
  assert.equal(formatNumber(2.5e9), "2.50e9");
  assert.equal(formatNumber(0), "0");
  assert.equal(formatNumber(Number.POSITIVE_INFINITY), "∞");
  assert.equal(formatNumber(0.123456, 5), "0.12346");
  assert.equal(fullPrecision(0.1 + 0.2), "0.30000000000000004");
  assert.equal(fullPrecision(Number.NEGATIVE_INFINITY), "-inf");
});

test("cut-flow table renders to the exact expected Markdown (zero denominators give 0%, not NaN)", () => {
  assert.equal(
    tableToMarkdown(cutflow),
    [
      "**Cut flow, 79.7 fb⁻¹**",
      "",
      "| Cut | μμ(γ) | μμ(γ) eff. [%] | ττ | ττ eff. [%] |",
      "| :--- | ---: | ---: | ---: | ---: |",
      "| generated | 1234568 | 100 | 0 | 0 |",
      "| 2 muons | 20000 | 1.62 | 0 | 0 |",
      "| photon veto | 512 | 0.0415 | 0 | 0 |",
      "",
    ].join("\n"),
  );
});

test("CSV keeps full precision and quotes fields with commas or quotes (RFC 4180)", () => {
  const t: Table = {
    name: "limits",
    columns: [
      { name: "mass_GeV", values: [0.1, 0.30000000000000004] },
      { name: "sigma_ul_obs_fb", values: [0.123456789012, Number.POSITIVE_INFINITY] },
      { name: "note", values: ['a, "b"', "plain"] },
    ],
  };
  assert.equal(
    tableToCsv(t),
    'mass_GeV,sigma_ul_obs_fb,note\n0.1,0.123456789012,"a, ""b"""\n0.30000000000000004,inf,plain\n',
  );
  // Reading the numbers back gives the same doubles.
  const row = tableToCsv(t).split("\n")[1]!.split(",");
  assert.equal(Number(row[1]), 0.123456789012);
});

test("HTML table escapes text, right-aligns numbers and keeps every digit in the title attribute", () => {
  const html = tableToHtml({
    name: "t",
    caption: "a < b",
    columns: [
      { name: "x", unit: "GeV", values: [1.23456] },
      { name: "s", values: ["<b>&</b>"] },
    ],
  });
  assert.equal(
    html,
    [
      '<table class="mumux-table">',
      "<caption>a &lt; b</caption>",
      "<thead><tr><th>x [GeV]</th><th>s</th></tr></thead>",
      "<tbody>",
      '<tr><td class="num" title="1.23456">1.23</td><td>&lt;b&gt;&amp;&lt;/b&gt;</td></tr>',
      "</tbody>",
      "</table>",
      "",
    ].join("\n"),
  );
});

test("unequal columns and NaN cells are rejected with an InputError naming table and column", () => {
  const unequal: Table = {
    name: "limits",
    columns: [
      { name: "mass_GeV", values: [1, 2, 3] },
      { name: "sigma", values: [1, 2] },
    ],
  };
  for (const render of [tableToCsv, tableToMarkdown, tableToHtml])
    assert.throws(
      () => render(unequal),
      (e: unknown) =>
        e instanceof InputError &&
        /table "limits"/.test(e.message) &&
        /column "sigma" has 2 rows/.test(e.message),
    );
  const nan: Table = { name: "eff", columns: [{ name: "efficiency", values: [0.5, Number.NaN] }] };
  assert.throws(() => tableToCsv(nan), /table "eff": column "efficiency" row 1 is NaN/);
  assert.throws(
    () => cutFlowTable(["a", "b"], [{ name: "ee", yields: [1] }]),
    /sample "ee" has 1 yields for 2 cuts/,
  );
});
