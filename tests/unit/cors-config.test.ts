import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';

describe('CORS_ORIGINS', () => {
  it('is empty by default: no browser app on another origin may call the gateway', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: '' }).corsOrigins).toEqual([]);
  });

  it('reads a comma-separated list of origins', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://app.example.org, http://localhost:5173,' }).corsOrigins).toEqual(['https://app.example.org', 'http://localhost:5173']);
  });

  it('names the variable and the problem for anything that is not an origin', () => {
    for (const bad of ['*', 'app.example.org', 'https://app.example.org/', 'https://app.example.org/path', 'ftp://files.example.org', 'https://a.example.org,nope', 'HTTPS://App.example.org']) {
      expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrowError(/CORS_ORIGINS=".*": must be a comma-separated list of origins/);
    }
  });
});
