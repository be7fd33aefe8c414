// Worker-thread entry for parallel simulation (piscina). Worker threads do not inherit the
// TypeScript loader that bin/mumux.js registers in the main thread, so register it here first.
import { register } from "tsx/esm/api";

register();
const { simulate } = await import("./simulate.ts");

/** One unit of work: chunk `chunkIndex` of the run, drawn from stream(seed, chunkIndex). */
export default function simulateChunk({ truth, card, seed, chunkIndex }) {
  return simulate(truth, card, seed, chunkIndex);
}
