// @ts-check
// WebAssembly's types: TypeScript keeps them in its DOM library.
/// <reference lib="dom" />
/**
 * Prisma migrations without Prisma's native schema engine (it cannot be downloaded on offline machines):
 * the same engine compiled to WebAssembly (@prisma/schema-engine-wasm), talking to PostgreSQL through the
 * pg driver adapter. It reads and writes ordinary Prisma migrations and the standard `_prisma_migrations`
 * table, so `prisma migrate deploy` still works wherever the native engine is available.
 */
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const schemaPath = path.join(root, 'prisma/schema.prisma');
export const migrationsDir = path.join(root, 'prisma/migrations');
const filters = { externalTables: [], externalEnums: [] };

// Postgres's internal "char" type (OID 18) is returned by the engine's catalog queries.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

/**
 * The internals of @prisma/adapter-pg that patchAdapter changes (not its public API).
 * @typedef {{ charColumns?: number[] }} MarkedRows rows that remember which columns were "char"
 * @typedef {{ fields: { dataTypeID: number }[], rows: MarkedRows }} PgResult
 * @typedef {{ columnTypes: number[], rows: MarkedRows }} RawResult
 * @typedef {{ __uprightPatched?: boolean, performIO: (this: Queryable, query: unknown) => Promise<PgResult>, queryRaw: (this: Queryable, query: unknown) => Promise<RawResult> }} Queryable
 * @typedef {{ client: pg.PoolClient, onError(error: unknown): never, executeScript?: (script: string) => Promise<void> }} AdapterInternals
 */

/**
 * adapter-pg cannot decode "char" columns, and the engine (on PostgreSQL 18, which lists NOT NULL constraints
 * in pg_constraint) expects them typed as Character. Report them as text to the adapter, remember which columns
 * they were, and give them back the Character type afterwards. adapter-pg also splits scripts on every ';',
 * which breaks function bodies; send each migration script as one multi-statement query instead.
 * @param {object} adapter a connected PrismaPg adapter
 */
function patchAdapter(adapter) {
  const queryable = /** @type {Queryable} */ (prototypeOf(prototypeOf(adapter)));
  if (queryable.__uprightPatched) return;
  queryable.__uprightPatched = true;
  const performIO = queryable.performIO;
  /** @this {Queryable} @param {unknown} query */
  queryable.performIO = async function (query) {
    const result = await performIO.call(this, query);
    const charColumns = [];
    for (const [i, field] of result.fields.entries()) {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        charColumns.push(i);
      }
    }
    if (charColumns.length) result.rows.charColumns = charColumns;
    return result;
  };
  const queryRaw = queryable.queryRaw;
  /** @this {Queryable} @param {unknown} query */
  queryable.queryRaw = async function (query) {
    const result = await queryRaw.call(this, query);
    for (const i of result.rows.charColumns ?? []) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return result;
  };
  const adapterProto = /** @type {AdapterInternals} */ (prototypeOf(adapter));
  /** @this {AdapterInternals} @param {string} script */
  adapterProto.executeScript = async function (script) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
}

/** @param {object} object */
function prototypeOf(object) {
  const prototype = Reflect.getPrototypeOf(object);
  if (!prototype) throw new Error('adapter-pg changed: a prototype patchAdapter expects is missing');
  return prototype;
}

/** @typedef {typeof import('@prisma/schema-engine-wasm/schema_engine_bg')} EngineModule */
/** @type {Promise<EngineModule> | undefined} */
let loadedEngine;
// The wasm-bindgen glue caches views of the instance's memory: instantiate once per process.
const loadEngine = () => (loadedEngine ??= instantiateEngine());

async function instantiateEngine() {
  /** @type {any} */ (globalThis).PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (/** @type {string} */ m) => console.error(m) };
  const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
  const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
    './schema_engine_bg.js': /** @type {WebAssembly.ModuleImports} */ (/** @type {unknown} */ (bg)),
  });
  bg.__wbg_set_wasm(instance.exports);
  /** @type {{ __wbindgen_start?: () => void }} */ (instance.exports).__wbindgen_start?.();
  return bg;
}

/**
 * Opens the schema engine on a database.
 * @param {string} databaseUrl
 * @param {{ quiet?: boolean }} [options]
 */
async function openEngine(databaseUrl, options = {}) {
  const [{ PrismaPg }, { bindMigrationAwareSqlAdapterFactory }, bg] = await Promise.all([
    import('@prisma/adapter-pg'),
    import('@prisma/driver-adapter-utils'),
    loadEngine(),
  ]);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const factory = new PrismaPg(pool);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    patchAdapter(adapter);
    return adapter;
  };
  const schemaText = await readFile(schemaPath, 'utf8');
  const log = options.quiet ? () => {} : (/** @type {string} */ line) => process.env.MIGRATE_DEBUG && console.error(line);
  const engine = await bg.SchemaEngine.new({ datamodels: [[schemaPath, schemaText]] }, log, bindMigrationAwareSqlAdapterFactory(/** @type {any} */ (factory)));
  return { engine, pool, schemaText };
}

async function migrationsList() {
  const entries = (await readdir(migrationsDir, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: lockPath, content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      entries.map(async (name) => ({
        path: name, // relative to baseDir: it becomes the migration_name in _prisma_migrations
        migrationFile: {
          path: 'migration.sql',
          content: { tag: /** @type {const} */ ('ok'), value: await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8') },
        },
      })),
    ),
  };
}

/**
 * Applies every pending migration. Returns the names of those it applied.
 * @param {string} databaseUrl
 * @returns {Promise<string[]>}
 */
export async function applyMigrations(databaseUrl) {
  const { engine, pool } = await openEngine(databaseUrl);
  try {
    const result = await engine.applyMigrations({ migrationsList: await migrationsList(), filters });
    return result.appliedMigrationNames.map((name) => path.basename(name));
  } finally {
    engine.free();
    await pool.end();
  }
}

/**
 * Applies pending migrations, then writes a new migration with the SQL that takes the database to the schema.
 * Returns the new folder, or null when the schema and the database already agree.
 * @param {string} databaseUrl
 * @param {string} name
 */
export async function createMigration(databaseUrl, name) {
  await applyMigrations(databaseUrl);
  const { engine, pool, schemaText } = await openEngine(databaseUrl);
  try {
    const files = [{ path: schemaPath, content: schemaText }];
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: root },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters,
    });
    const sql = result.stdout ?? '';
    if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) return null;
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const slug =
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_|_$/g, '') || 'migration';
    const dir = path.join(migrationsDir, `${stamp}_${slug}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), sql);
    const lockPath = path.join(migrationsDir, 'migration_lock.toml');
    await readFile(lockPath).catch(() =>
      writeFile(
        lockPath,
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
      ),
    );
    return dir;
  } finally {
    engine.free();
    await pool.end();
  }
}
