/**
 * Validation helpers shared by the histogram JSON readers ({@link Hist1D.fromJSON},
 * {@link Hist2D.fromJSON}): every problem becomes an InputError with the file and a JSON-pointer
 * location, never a TypeError from deep inside.
 */
import { InputError } from "../core/errors.ts";

/**
 * Check the envelope {type, version: 1} of a serialised histogram. A string is first parsed as
 * JSON text (a syntax error becomes an InputError too).
 */
export function expectObject(obj: unknown, type: string, file?: string): Record<string, unknown> {
  if (typeof obj === "string") {
    try {
      obj = JSON.parse(obj) as unknown;
    } catch (e) {
      throw new InputError(`not valid JSON (${(e as Error).message})`, file);
    }
  }
  if (typeof obj !== "object" || obj === null || Array.isArray(obj))
    throw new InputError(`expected a ${type} object`, file, "/");
  const o = obj as Record<string, unknown>;
  if (o.type !== type)
    throw new InputError(`type must be "${type}", got ${JSON.stringify(o.type)}`, file, "/type");
  if (o.version !== 1)
    throw new InputError(`unsupported version ${JSON.stringify(o.version)} (expected 1)`, file, "/version");
  return o;
}

/** Copy a JSON number array into `out`, checking length, finiteness and (optionally) sign. */
export function readStorage(
  x: unknown,
  out: Float64Array,
  where: string,
  nonNegative: boolean,
  file?: string,
): void {
  if (!Array.isArray(x)) throw new InputError("must be an array of numbers", file, where);
  if (x.length !== out.length)
    throw new InputError(
      `must have ${out.length} entries (bins + 2 flow bins), got ${x.length}`,
      file,
      where,
    );
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new InputError("must be a finite number", file, `${where}/${i}`);
    if (nonNegative && v < 0)
      throw new InputError("a sum of squared weights cannot be negative", file, `${where}/${i}`);
    out[i] = v;
  }
}
