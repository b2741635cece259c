/**
 * The PostgreSQL channel on which every registry write announces itself, inside its own transaction (so the
 * notification is delivered on commit, never for a write that rolled back). The gateways listen on it to drop
 * their response caches. Shared by the subgraphs' journal (which notifies) and the gateway (which listens).
 */
export const CHANGES_CHANNEL = 'ketenkaart_changes';
