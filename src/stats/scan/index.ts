/**
 * Mass scans (bump hunts) and the look-elsewhere effect (statistics.md 2.4, physics.md 6.4):
 * one-hypothesis fits, parallel resumable shardable scans written as JSON lines, and global
 * significances by Gross-Vitells up-crossings and by direct toys.
 */
export { type BumpHuntConfig, makeBumpHuntConfig } from "./bumpHuntConfig.ts";
export { fitMassPoint, type PointResult } from "./fitMassPoint.ts";
export { countUpcrossings, grossVitells, pToZ, toyGlobalPValue } from "./lookElsewhere.ts";
export { type MassGrid, massGrid } from "./massGrid.ts";
export type { ResolutionSpec } from "./resolution.ts";
export { type SignalShapeSpec, signalPdf } from "./signalShape.ts";
export type { ToyResult } from "./toyScan.ts";
