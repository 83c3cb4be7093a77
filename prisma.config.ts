import { defineConfig } from 'prisma/config';

// The datasource URL is only needed by commands that talk to a database; `prisma generate` must work on a
// fresh clone where DATABASE_URL is unset, hence the placeholder.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/unset' },
});
