import pg from 'pg';
import { CHANGES_CHANNEL } from './change-notifications';
import type { Logger } from './logger';

/**
 * A LISTEN-only connection to the registry's PostgreSQL that tells this process of every write, whichever replica
 * or subgraph made it: the gateway's response cache and the subgraphs' shared reads (subgraphs/_shared/shared-reads.ts)
 * each hold one. `generation` goes up on every notification and whenever the connection was lost (writes may have
 * been missed meanwhile); what was kept is only good for the generation it was read in.
 *
 * The race between a write's acknowledgement and the notification's arrival here is closed by `sync()`: one
 * round trip on this same connection. PostgreSQL signals the listening sessions while committing, before the
 * writer is told the commit is done, and a listening session sends what it was signalled before it answers the
 * next statement; so once `sync()` (sent after the request arrived) returns, every write acknowledged before the
 * request has been counted. Round trips are shared: requests that arrive while one is on its way wait for the next.
 */
export class ChangeListener {
  /** Bumped on every change notification and on every lost or new connection. */
  generation = 0;
  private client: pg.Client | undefined;
  private connected = false;
  private stopped = false;
  private retryMs = 500;
  private retryTimer: NodeJS.Timeout | undefined;
  private running: Promise<boolean> | undefined;
  private queued: Promise<boolean> | undefined;
  private readonly onChange: Array<() => void> = [];

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
    /** What it keeps, for the logs and PostgreSQL's `application_name`. */
    private readonly purpose: { name: string; label: string } = { name: 'ketenkaart-gateway-cache', label: 'response cache' },
  ) {}

  /** Calls `listener` whenever the generation changes (the cache drops everything then, to free memory). */
  onGenerationChange(listener: () => void): void {
    this.onChange.push(listener);
  }

  get listening(): boolean {
    return this.connected;
  }

  /** Connects and listens; resolves once listening or after the first failure (it keeps retrying then). */
  async start(): Promise<void> {
    await this.connect();
  }

  private bump(): void {
    this.generation++;
    for (const listener of this.onChange) listener();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: this.purpose.name,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
      // A sync that hangs must not hold requests: they go to the subgraphs instead.
      query_timeout: 2000,
    });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) this.bump();
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      if (this.client !== client) return;
      this.connected = true;
      this.retryMs = 500;
      // Whatever was written while nobody listened is unknown: start afresh.
      this.bump();
      this.log.info(`${this.purpose.label}: listening for registry changes`);
    } catch (err) {
      this.lost(client, err);
    }
  }

  private lost(client: pg.Client, err?: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    if (this.connected) this.log.warn({ err }, `${this.purpose.label}: lost the change notifications; reading from the source until they are back`);
    else if (!this.stopped) this.log.warn({ err }, `${this.purpose.label}: cannot listen for registry changes; retrying`);
    this.connected = false;
    this.bump();
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
  }

  /**
   * Resolves true once every write acknowledged before this call has been counted in `generation`, false when
   * that cannot be known (not listening, or the round trip failed): then nothing kept may be used.
   */
  sync(): Promise<boolean> {
    if (!this.connected) return Promise.resolve(false);
    if (!this.running) return this.roundTrip();
    // The round trip on its way may have been sent before this request arrived: wait for the next one.
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.running ?? this.roundTrip();
    });
    return this.queued;
  }

  private roundTrip(): Promise<boolean> {
    const client = this.client;
    if (!client || !this.connected) return Promise.resolve(false);
    const trip: Promise<boolean> = client.query('SELECT 1').then(
      () => this.client === client && this.connected,
      (err: unknown) => {
        this.lost(client, err);
        return false;
      },
    );
    this.running = trip;
    void trip.then(() => {
      if (this.running === trip) this.running = undefined;
    });
    return trip;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    this.connected = false;
    await client?.end().catch(() => undefined);
  }
}
