// Property tests run with one fixed seed, so a run of the unit tests fails or passes the same way on every
// machine and every time. `FC_SEED=<integer>` runs them with another seed — the one a failure report prints,
// to replay it — and `FC_SEED=random` with a fresh seed per property, to search further. A failure's report
// (fast-check's own: seed, path, counterexample, the assertion that failed) is the error mocha prints.
import fc from 'fast-check';

/** The seed of every property when FC_SEED is unset. Changing it is a change of the test data, like a fixture. */
export const DEFAULT_PROPERTY_SEED = 1_920_262_021;

/** The seed FC_SEED asks for: a number, `undefined` for `random` (fast-check picks one and reports it). */
export function propertySeed(setting: string | undefined): number | undefined {
  if (setting === undefined || setting.trim() === '') return DEFAULT_PROPERTY_SEED;
  if (setting.trim().toLowerCase() === 'random') return undefined;
  const seed = Number(setting);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", not ${JSON.stringify(setting)}`);
  return seed;
}

/** `fc.assert` with the seed policy above; `parameters` may set anything but the seed. */
export function assertProperty<Ts>(property: fc.IProperty<Ts>, parameters: Omit<fc.Parameters<Ts>, 'seed'> = {}): void {
  fc.assert(property, { ...parameters, seed: propertySeed(process.env.FC_SEED) });
}
