import 'reflect-metadata';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { seedDemoPractice } from './demo-seed.js';

/** `node apps/api/dist/seed/seed.cli.js`: seeds the demo practice into DATABASE_URL (once) and prints the logins as JSON. */
async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    const result = await seedDemoPractice(prisma);
    process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error('Seeding failed:', error);
  process.exit(1);
});
