/**
 * Sessions ended by sign-out before their cookie expired. A sealed cookie cannot be taken back from a browser
 * that copied it, so the gateway remembers the ids of ended sessions until they would have expired anyway.
 * Per replica, in memory (docs/security.md, "Sessions"): the limit of a store-less session.
 */
export class EndedSessions {
  private readonly ended = new Map<string, number>();

  end(sid: string, expiresAt: number): void {
    this.sweep();
    this.ended.set(sid, expiresAt);
  }

  has(sid: string): boolean {
    return this.ended.has(sid);
  }

  private sweep(): void {
    const now = Date.now() / 1000;
    for (const [sid, expiresAt] of this.ended) if (expiresAt <= now) this.ended.delete(sid);
  }
}
