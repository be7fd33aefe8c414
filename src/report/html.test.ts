import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { type HtmlReport, renderHtmlReport, writeHtmlReport } from "./html.ts";
import { linesPlot } from "./linesPlot.ts";
import { renderSvg } from "./render.ts";
import { cutFlowTable } from "./tables.ts";

async function report(): Promise<HtmlReport> {
  const svg = await renderSvg(
    linesPlot([{ name: "observed", x: [1, 2, 3], y: [0.3, 0.2, 0.4] }], {
      xTitle: "M_Z' [GeV]",
      yTitle: "σ × B [fb]",
      logY: true,
      label: { luminosityFb: 79.7 },
    }),
  );
  return {
    title: "Invisible Z' search <reproduction>",
    subtitle: "Belle II, 79.7 fb⁻¹",
    summary: [
      { label: "Minimum σ × B upper limit (observed)", value: 0.21234, unit: "fb" },
      { label: "Mass points", value: 582 },
    ],
    sections: [
      {
        title: "Cut flow",
        tables: [cutFlowTable(["all", "2 muons"], [{ name: "μμ(γ)", yields: [100, 50] }])],
      },
      {
        title: "Upper limits & significance",
        paragraphs: ["Limits at 90% CL (CLs)."],
        figures: [{ svg, caption: "Observed limit", link: "plots/limits.png" }],
      },
    ],
    provenance: { "mumux version": "0.1.0", seed: 1, "config hash": "sha256:abc123" },
  };
}

test("the HTML report contains every section title (escaped), the inline SVG, summary and provenance", async () => {
  const r = await report();
  const html = renderHtmlReport(r);
  assert.ok(html.startsWith("<!DOCTYPE html>"));
  assert.match(html, /<title>Invisible Z' search &lt;reproduction&gt;<\/title>/);
  assert.match(html, /<h2>Cut flow<\/h2>/);
  assert.match(html, /<h2>Upper limits &amp; significance<\/h2>/);
  assert.match(html, /<h2>Provenance<\/h2>/);
  assert.match(html, /<svg [^>]*class="marks"/, "figure inlined as <svg>");
  assert.match(html, /<td class="num" title="50">50<\/td>/, "cut-flow table included");
  assert.match(html, /<div class="v">0.212 fb<\/div>/, "summary number with 3 significant digits");
  assert.match(html, /<td>seed<\/td><td>1<\/td>/);
  assert.match(html, /<td>config hash<\/td><td>sha256:abc123<\/td>/);
  assert.equal(renderHtmlReport(r), html, "deterministic");
});

test("the HTML report has no external URLs (no http(s), no protocol-relative links) and only internal anchors", async () => {
  const html = renderHtmlReport(await report());
  assert.doesNotMatch(html, /https?:/i);
  assert.doesNotMatch(html, /(?:src|href)="\/\//);
  for (const m of html.matchAll(/href="([^"]*)"/g))
    assert.ok(m[1]!.startsWith("#") || !m[1]!.includes(":"), m[1]);
  assert.doesNotMatch(html, /<script|<link|@import/);
});

test("external links and non-SVG figures are refused with an InputError naming the section", async () => {
  const r = await report();
  const withLink: HtmlReport = {
    ...r,
    sections: [
      {
        title: "Limits",
        figures: [{ svg: r.sections[1]!.figures![0]!.svg, link: "https://example.org/x.png" }],
      },
    ],
  };
  assert.throws(
    () => renderHtmlReport(withLink),
    /section "Limits" figure 1: link "https:\/\/example.org\/x.png" is not a relative path/,
  );
  const notSvg: HtmlReport = { ...r, sections: [{ title: "Bad", figures: [{ svg: "<div>no</div>" }] }] };
  assert.throws(() => renderHtmlReport(notSvg), /section "Bad" figure 1: figure is not an SVG document/);
  const ext: HtmlReport = {
    ...r,
    sections: [{ title: "Ext", figures: [{ svg: '<svg><image href="x.png"/></svg>' }] }],
  };
  assert.throws(() => renderHtmlReport(ext), /external resource/);
});

test("writeHtmlReport writes the rendered text to the given path", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mumux-html-"));
  try {
    const r = await report();
    writeHtmlReport(join(dir, "a", "report.html"), r);
    assert.equal(readFileSync(join(dir, "a", "report.html"), "utf8"), renderHtmlReport(r));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
