/**
 * A fixed workload in plain JavaScript that uses none of the app's code, timed in the bench's own process at the
 * start and at the end of a run. The same code measures differently from run to run on a shared machine; this
 * says how fast the machine was running, so two runs' figures can be compared.
 */
export function referenceWorkloadMs(runs = 5): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    let seed = 0x2545f491;
    const values = new Float64Array(300_000);
    for (let i = 0; i < values.length; i++) {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      values[i] = seed >>> 0;
    }
    values.sort();
    const counts = new Map<string, number>();
    for (const value of values) {
      const key = (value % 4096).toString(36);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const text = JSON.stringify([...counts]);
    if ((JSON.parse(text) as unknown[]).length !== counts.size) throw new Error('the reference workload broke');
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] * 10) / 10;
}
