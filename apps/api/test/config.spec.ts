import { ConfigError, loadConfig } from '../src/config/app-config.js';

describe('configuration', () => {
  it('applies the defaults when only DATABASE_URL is given', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://localhost/upright' });
    expect(config).toMatchObject({ API_PORT: 3001, NODE_ENV: 'development', ALLOW_SIGNUP: true, SESSION_IDLE_MINUTES: 30, SESSION_ABSOLUTE_HOURS: 12 });
    expect(config.cookieSecure).toBe(false);
  });

  it('converts strings from the environment into numbers and booleans', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/upright', API_PORT: '4000', ALLOW_SIGNUP: 'false', NODE_ENV: 'production' });
    expect(config.API_PORT).toBe(4000);
    expect(config.ALLOW_SIGNUP).toBe(false);
    expect(config.cookieSecure).toBe(true);
  });

  it('lists every missing or bad value at once', () => {
    let error: unknown;
    try {
      loadConfig({ API_PORT: '70000', NODE_ENV: 'staging', WEB_ORIGIN: 'localhost:3000/app', ALLOW_SIGNUP: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/DATABASE_URL is required/);
    expect(problems).toMatch(/API_PORT/);
    expect(problems).toMatch(/NODE_ENV/);
    expect(problems).toMatch(/WEB_ORIGIN/);
    expect(problems).toMatch(/ALLOW_SIGNUP/);
    expect((error as ConfigError).problems).toHaveLength(5);
  });
});
