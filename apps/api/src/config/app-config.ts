import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);

/**
 * Every setting of the API, read once from the environment at start-up. A missing or bad value stops the
 * process with the full list of what is wrong (see loadConfig).
 */
export class AppConfig {
  /** PostgreSQL connection string, e.g. postgresql://user:pass@host:5432/upright */
  @IsString()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgresql:// URL' })
  DATABASE_URL!: string;

  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  API_PORT = 3001;

  /** Address to listen on; 0.0.0.0 inside containers. */
  @IsString()
  API_HOST = '127.0.0.1';

  /** The dashboard's public origin, used for links sent to patients. */
  @Matches(/^https?:\/\/[^/]+$/, { message: 'WEB_ORIGIN must be an origin such as https://clinic.example.com (no path)' })
  WEB_ORIGIN = 'http://localhost:3000';

  /** Whether POST /api/auth/signup may create new practices. */
  @Transform(toBoolean)
  @IsBoolean()
  ALLOW_SIGNUP = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 7)
  SESSION_ABSOLUTE_HOURS = 12;

  /** Number of reverse proxies in front of the API whose X-Forwarded-For can be trusted. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS = 1;

  /**
   * Where email goes: an SMTP server, smtp://user:pass@host:587 (STARTTLS when the server offers it) or
   * smtps://user:pass@host:465 (TLS from the start); user and password URL-encoded. Unset: messages are written
   * as .eml files to MAIL_DIR instead (the demo of `npm start`).
   */
  @ValidateIf((config: AppConfig) => config.SMTP_URL !== undefined)
  @Matches(/^smtps?:\/\/[^/]+\/?$/, { message: 'SMTP_URL must be smtp://user:pass@host:port or smtps://user:pass@host:port' })
  SMTP_URL?: string;

  /** The sender of every email, e.g. "Riverside Physio <appointments@riverside.example>". Required with SMTP_URL. */
  @ValidateIf((config: AppConfig) => config.SMTP_URL !== undefined || config.SMTP_FROM !== undefined)
  @Matches(/^(?:[^<>@\s][^<>@]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
    message: 'SMTP_FROM must be an address, e.g. appointments@clinic.example or "Clinic <appointments@clinic.example>"',
  })
  SMTP_FROM?: string;

  /** Folder for the .eml files written when SMTP_URL is unset (relative to the API's working directory). */
  @IsString()
  MAIL_DIR = '.data/mail';

  /** 'off' stops this process from sending the outbox (another replica, or nobody, sends it). */
  @IsIn(['on', 'off'])
  OUTBOX_WORKER: 'on' | 'off' = 'on';

  /** How often the outbox worker looks for due messages, in milliseconds. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(10 * 60_000)
  OUTBOX_POLL_MS = 5000;

  /** Attempts per message before it is marked failed. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  OUTBOX_MAX_ATTEMPTS = 8;

  /** Wait before the first retry of a failed send, in milliseconds; doubled after every further failure (at most 6 hours). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(24 * 60 * 60_000)
  OUTBOX_RETRY_MS = 60_000;

  /** The sender used when SMTP_FROM is unset (file mailbox only). */
  get mailFrom(): string {
    return this.SMTP_FROM ?? 'Upright <no-reply@upright.invalid>';
  }

  /** Secure cookies everywhere but in development (where the dashboard runs on http://localhost). */
  get cookieSecure(): boolean {
    return this.NODE_ENV !== 'development';
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const KEYS = Object.keys(new AppConfig()).concat('DATABASE_URL', 'SMTP_URL', 'SMTP_FROM');

/** Reads and validates the configuration; throws ConfigError listing every bad or missing key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length) {
    throw new ConfigError(
      errors.map((e) => {
        const messages = Object.values(e.constraints ?? {});
        return e.value === undefined ? `${e.property} is required` : `${e.property}: ${messages.join('; ')}`;
      }),
    );
  }
  return config;
}
