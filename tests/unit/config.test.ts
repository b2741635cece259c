import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../core/config';

describe('configuration', () => {
  it('has documented defaults: gateway on 4000, subgraphs on 4001-4004, embedded database', () => {
    const config = loadConfig({});
    expect(config.gatewayPort).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.subgraphs.partners.url).toBe('http://127.0.0.1:4001/graphql');
    expect(config.subgraphs.instruments.url).toBe('http://127.0.0.1:4004/graphql');
  });

  it('names the variable and the problem for a bad port', () => {
    expect(() => loadConfig({ GATEWAY_PORT: 'forty' })).toThrowError(ConfigError);
    expect(() => loadConfig({ GATEWAY_PORT: 'forty' })).toThrowError(/GATEWAY_PORT="forty": must be a whole number/);
    expect(() => loadConfig({ LEGAL_PORT: '70000' })).toThrowError(/LEGAL_PORT="70000": must be between 0/);
  });

  it('rejects a DATABASE_URL that is not a postgres URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrowError(/DATABASE_URL="mysql:\/\/x": must be a postgres:\/\/ URL/);
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ GATEWAY_PORT: 'x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems).toHaveLength(2);
    }
  });

  it('refuses two services on one port', () => {
    expect(() => loadConfig({ GATEWAY_PORT: '4001' })).toThrowError(/port 4001 is configured for more than one service/);
  });

  it('keeps feed pages open until no write can still land behind them: a minute, at least twice the request deadline', () => {
    expect(loadConfig({}).feed).toEqual({ pageSize: 100, settleMs: 60_000 });
    expect(loadConfig({ REQUEST_DEADLINE_MS: '45000' }).feed.settleMs).toBe(90_000);
    expect(loadConfig({ FEED_SETTLE_MS: '1500', FEED_PAGE_SIZE: '40' }).feed).toEqual({ pageSize: 40, settleMs: 1500 });
    expect(() => loadConfig({ FEED_PAGE_SIZE: '0' })).toThrowError(/FEED_PAGE_SIZE="0": must be at least 1/);
  });

  it('lets a subgraph URL be set for the multi-machine path', () => {
    expect(loadConfig({ TERRITORY_URL: 'http://territory:4003/graphql' }).subgraphs.territory.url).toBe('http://territory:4003/graphql');
    expect(() => loadConfig({ TERRITORY_URL: 'territory' })).toThrowError(/TERRITORY_URL/);
  });
});
