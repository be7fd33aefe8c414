// Worker entry for piscina: worker threads do not inherit the tsx loader that bin/mumux.js
// registers in the main thread, so register it here before loading the TypeScript worker.
import { register } from "tsx/esm/api";

register();
const mod = await import("./scanWorker.ts");
export default mod.default;
