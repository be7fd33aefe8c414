#!/usr/bin/env node
// Entry point: loads the TypeScript sources through tsx, so `npx mumux` works right after `npm ci`.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv);
