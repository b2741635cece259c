import { describe, expect, it } from 'vitest';
import { ConfigError, MIN_AUDIT_RETENTION_DAYS, loadConfig } from '../../core/config';

describe('the database roles in the configuration', () => {
  it('reads DATABASE_OWNER_URL beside DATABASE_URL, validated the same way', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://svc:a@db:5432/k', DATABASE_OWNER_URL: 'postgres://owner:b@db:5432/k' });
    expect(config).toMatchObject({ databaseUrl: 'postgres://svc:a@db:5432/k', databaseOwnerUrl: 'postgres://owner:b@db:5432/k' });
    expect(loadConfig({ DATABASE_URL: 'postgres://svc:a@db:5432/k' }).databaseOwnerUrl).toBeUndefined();
    expect(() => loadConfig({ DATABASE_URL: 'postgres://svc:a@db:5432/k', DATABASE_OWNER_URL: 'mysql://x' })).toThrow(/DATABASE_OWNER_URL="mysql:\/\/x": must be a postgres:\/\/ URL/);
  });

  it('refuses an owner URL without the services\' URL: the embedded database has its own owner', () => {
    expect(() => loadConfig({ DATABASE_OWNER_URL: 'postgres://owner:b@db:5432/k' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_OWNER_URL: 'postgres://owner:b@db:5432/k' })).toThrow(/DATABASE_OWNER_URL is set but DATABASE_URL is not/);
  });

  it('refuses an audit retention below what the database keeps', () => {
    expect(MIN_AUDIT_RETENTION_DAYS).toBe(30);
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: '29' })).toThrow(/AUDIT_RETENTION_DAYS="29": must be at least 30/);
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '30' }).auditRetentionDays).toBe(30);
  });
});
