/**
 * Running a bump hunt: worker threads, per-point JSON lines, resume, shards and merge. The
 * statistics (pdfs, fits, limits, look-elsewhere) are in src/stats/scan and src/stats/unbinned;
 * this folder only schedules them and writes their results.
 */
export { mergeBumpHunt } from "./mergeBumpHunt.ts";
export { type BumpHuntOutcome, type BumpHuntRun, runBumpHunt } from "./runBumpHunt.ts";
