/**
 * Checks that every import inside src/ follows the folder order of the architecture
 * (../shared/spec/architecture.md, "Folders"): a module imports only from the folders its row
 * allows. Prints one line per violation and exits 1 if there is any.
 *
 * Usage: tsx scripts/check-imports.ts [srcDir]
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/** folder -> folders it may import from (itself always allowed). */
export const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  physics: ["core"],
  hist: ["core"],
  mva: ["core"],
  generate: ["core", "physics"],
  detector: ["core", "physics"],
  stats: ["core", "hist"],
  analyses: ["core", "physics", "hist", "mva", "stats"],
  interpret: ["core", "physics"],
  io: ["core", "physics", "hist"],
  report: ["core", "hist"],
  pipeline: [
    "core",
    "physics",
    "hist",
    "mva",
    "generate",
    "detector",
    "stats",
    "analyses",
    "interpret",
    "io",
    "report",
  ],
  cli: [
    "core",
    "physics",
    "hist",
    "mva",
    "generate",
    "detector",
    "stats",
    "analyses",
    "interpret",
    "io",
    "report",
    "pipeline",
  ],
  // src/index.ts (public API) may re-export any library folder but not the CLI
  ".": [
    "core",
    "physics",
    "hist",
    "mva",
    "generate",
    "detector",
    "stats",
    "analyses",
    "interpret",
    "io",
    "report",
    "pipeline",
  ],
};

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|mts|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

/** Top-level folder of a file under src ("." for files directly in src). */
function topFolder(srcDir: string, file: string): string {
  const rel = relative(srcDir, file);
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0]! : ".";
}

const IMPORT_RE = /(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Return the violations found under `srcDir` as one-line messages. */
export function checkImports(srcDir: string): string[] {
  const problems: string[] = [];
  for (const file of walk(srcDir)) {
    const from = topFolder(srcDir, file);
    const allowed = ALLOWED[from];
    if (!allowed) {
      problems.push(
        `${relative(process.cwd(), file)}: folder src/${from} is not in the architecture's folder list`,
      );
      continue;
    }
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2];
      if (!spec?.startsWith(".")) continue;
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(srcDir + sep)) continue;
      const to = topFolder(srcDir, target);
      if (to === from) continue;
      if (to === "cli" || !allowed.includes(to)) {
        const line = text.slice(0, m.index).split("\n").length;
        problems.push(
          `${relative(process.cwd(), file)}:${line}: src/${from} may not import src/${to} ("${spec}"); allowed: ${allowed.join(", ") || "npm packages only"}`,
        );
      }
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("check-imports.ts")) {
  const srcDir = resolve(process.argv[2] ?? "src");
  const problems = checkImports(srcDir);
  for (const p of problems) console.error(p);
  if (problems.length > 0) {
    console.error(`check-imports: ${problems.length} import(s) break the folder order`);
    process.exit(1);
  }
  console.log("check-imports: every import follows the folder order");
}
