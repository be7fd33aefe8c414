// Worker entry for piscina: worker threads do not inherit the tsx loader of the main thread
// (bin/mumux.js), so register it here before loading the TypeScript task.
import { register } from "tsx/esm/api";

register();
const mod = await import("./globalToysTask.ts");
export default mod.default;
