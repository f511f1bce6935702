/**
 * What one server answered over all the load run against it (probe, warm-up
 * and measured runs alike), so the events it reported can be checked against
 * the responses that should have caused them.
 */
export class ResponseTally {
  private readonly byStatus = new Map<number, number>();
  /**
   * Requests sent but never answered: autocannon ends a run by closing its
   * connections with one request in flight on each. The server may or may
   * not have handled those.
   */
  unanswered = 0;

  add(status: number, count = 1): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + count);
  }

  /** Responses with a status of at least `status`. */
  countFrom(status: number): number {
    let total = 0;
    for (const [code, count] of this.byStatus) if (code >= status) total += count;
    return total;
  }
}
