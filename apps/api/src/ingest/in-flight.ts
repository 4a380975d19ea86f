/**
 * Work keyed by what it is about, so that a copy of a request still being answered waits for that answer
 * instead of doing the work a second time. The key is forgotten once the first attempt settles.
 */
export class InFlight<Answer> {
  private readonly running = new Map<string, Promise<Answer>>();

  /**
   * Runs `start` unless the same key is already running; then waits for that attempt and answers with
   * `repeat` of its answer, or runs `start` after all when it failed or `repeat` gives null.
   */
  async run(
    key: string,
    start: () => Promise<Answer>,
    repeat: (first: Answer) => Answer | null,
  ): Promise<Answer> {
    const pending = this.running.get(key);
    if (pending) {
      const first = await pending.catch(() => null);
      const answer = first === null ? null : repeat(first);
      if (answer !== null) return answer;
    }
    const attempt = start();
    if (!pending) {
      this.running.set(key, attempt);
      attempt.then(
        () => this.running.delete(key),
        () => this.running.delete(key),
      );
    }
    return attempt;
  }
}
