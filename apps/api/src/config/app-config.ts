import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, Min, validateSync } from 'class-validator';

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

const KEYS = Object.keys(new AppConfig()).concat('DATABASE_URL');

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
