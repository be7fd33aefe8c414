/**
 * Resumable stages: a stage owns one directory with a `manifest.json` that records the tool
 * version, the key of the stage (a sha256 of the configuration it depends on, the seed and the
 * digests of its inputs) and, once complete, the digest of its result. A rerun with the same key
 * skips a complete stage; an interrupted stage keeps its finished units of work (one file per
 * chunk or mass point, written atomically) and resumes; a stage whose key changed is cleared and
 * recomputed (only the files of that stage directory are touched).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { MUMUX_VERSION } from "../core/version.ts";

/** sha256 (hex) of a string or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Write a file atomically (temporary file + rename), creating its directory. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Write JSON atomically (2-space indent, trailing newline). */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeAtomic(path, `${JSON.stringify(value, null, 1)}\n`);
}

/** Read a JSON file written by this pipeline, or undefined if absent or unreadable. */
export function readJsonIfPresent<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/** Manifest of a stage directory. */
export interface StageManifest {
  stage: string;
  version: string;
  key: string;
  seed: number;
  configHash: string;
  inputs: Record<string, string>;
  /** Set when the stage is complete: sha256 of its result JSON. */
  digest?: string;
  /** Seconds spent on the stage in the run that completed it. */
  seconds?: number;
}

/** An opened stage (see module doc). */
export class Stage<R> {
  readonly dir: string;
  readonly manifest: StageManifest;
  private readonly t0 = performance.now();
  private cached: R | undefined;

  /**
   * @param root parent directory (OUT/invisible)
   * @param name stage name (directory name)
   * @param configHash hash of the run configuration
   * @param seed run seed
   * @param inputs digests of the upstream stages (name -> digest)
   */
  constructor(root: string, name: string, configHash: string, seed: number, inputs: Record<string, string>) {
    this.dir = join(root, name);
    const key = sha256(JSON.stringify([name, MUMUX_VERSION, configHash, seed, inputs]));
    const m: StageManifest = { stage: name, version: MUMUX_VERSION, key, seed, configHash, inputs };
    const old = readJsonIfPresent<StageManifest>(join(this.dir, "manifest.json"));
    if (old && old.key === key) {
      this.manifest = old;
      if (old.digest) this.cached = readJsonIfPresent<R>(join(this.dir, "result.json"));
      // a digest without a readable result means a damaged directory: recompute
      if (old.digest && this.cached === undefined) {
        delete old.digest;
      }
    } else {
      if (old) rmSync(this.dir, { recursive: true, force: true });
      mkdirSync(this.dir, { recursive: true });
      this.manifest = m;
      writeJsonAtomic(join(this.dir, "manifest.json"), m);
    }
  }

  /** The result of a complete stage (undefined while it has to run). */
  get result(): R | undefined {
    return this.cached;
  }

  /** Digest of the complete stage's result (for downstream keys). */
  get digest(): string {
    if (!this.manifest.digest) throw new Error(`stage ${this.manifest.stage} is not complete`);
    return this.manifest.digest;
  }

  /** A path inside the stage directory. */
  path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }

  /** Mark the stage complete with its (JSON-able) result. */
  finish(result: R): R {
    const text = `${JSON.stringify(result, null, 1)}\n`;
    writeAtomic(this.path("result.json"), text);
    this.manifest.digest = sha256(text);
    this.manifest.seconds = Math.round((performance.now() - this.t0) / 100) / 10;
    writeJsonAtomic(this.path("manifest.json"), this.manifest);
    this.cached = JSON.parse(text) as R;
    return this.cached;
  }
}
