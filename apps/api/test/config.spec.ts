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

  it('mail: the file mailbox and the outbox worker by default; SMTP_URL must be smtp(s):// and needs SMTP_FROM', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://localhost/upright' });
    expect(config).toMatchObject({ MAIL_DIR: '.data/mail', OUTBOX_WORKER: 'on', OUTBOX_POLL_MS: 5000, OUTBOX_MAX_ATTEMPTS: 8, OUTBOX_RETRY_MS: 60000 });
    expect(config.SMTP_URL).toBeUndefined();
    const smtp = loadConfig({
      DATABASE_URL: 'postgresql://localhost/upright',
      SMTP_URL: 'smtps://user:p%40ss@mail.example:465',
      SMTP_FROM: 'Clinic <appointments@clinic.example>',
      OUTBOX_WORKER: 'off',
      OUTBOX_POLL_MS: '1000',
    });
    expect(smtp).toMatchObject({
      SMTP_URL: 'smtps://user:p%40ss@mail.example:465',
      mailFrom: 'Clinic <appointments@clinic.example>',
      OUTBOX_WORKER: 'off',
      OUTBOX_POLL_MS: 1000,
    });
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'postgresql://localhost/upright', SMTP_URL: 'http://mail.example', OUTBOX_WORKER: 'no', OUTBOX_POLL_MS: '0' });
    } catch (e) {
      error = e;
    }
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/SMTP_URL/);
    expect(problems).toMatch(/SMTP_FROM is required/);
    expect(problems).toMatch(/OUTBOX_WORKER/);
    expect(problems).toMatch(/OUTBOX_POLL_MS/);
  });
});
