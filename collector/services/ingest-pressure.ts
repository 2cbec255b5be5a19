/**
 * Whether record ingest is saturated: every group-commit batch is in flight and records are waiting for the next.
 * The records route reports it, the outbox worker reads it to yield the event loop and the database to browsers
 * (within its bound). A report holds for a moment, so the instant between one batch and the next does not read as
 * relief and let a burst of deliveries in.
 */
export function createIngestPressure() {
  const holdMs = 100;
  let lastReportedAt = -Infinity;
  return {
    report(): void {
      lastReportedAt = performance.now();
    },
    saturated(): boolean {
      return performance.now() - lastReportedAt < holdMs;
    },
  };
}

export type IngestPressure = ReturnType<typeof createIngestPressure>;
