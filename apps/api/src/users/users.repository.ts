import { Injectable } from '@nestjs/common';
import type { Keyset } from '../common/pagination.js';
import { PrismaService, Tx } from '../database/prisma.service.js';
import type { Prisma, Role } from '../generated/prisma/client.js';
import { emailTaken, isUniqueViolation } from './email-taken.js';

type Db = Tx | PrismaService;

/** Every column but the password hash, which never leaves this repository. */
const PUBLIC_COLUMNS = {
  id: true,
  practiceId: true,
  name: true,
  email: true,
  role: true,
  active: true,
  passwordChangedAt: true,
  createdAt: true,
  updatedAt: true,
  version: true,
} as const satisfies Prisma.UserSelect;

export type UserRecord = Prisma.UserGetPayload<{ select: typeof PUBLIC_COLUMNS }>;

export interface UserFields {
  name?: string;
  role?: Role;
  active?: boolean;
  passwordHash?: string;
  passwordChangedAt?: Date;
}

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(practiceId: string, id: string, db: Db = this.prisma): Promise<UserRecord | null> {
    return db.user.findUnique({ where: { id, practiceId }, select: PUBLIC_COLUMNS });
  }

  /** The practice's staff, newest first, keyset-paginated on (created_at, id). */
  list(practiceId: string, after: Keyset | undefined, take: number): Promise<UserRecord[]> {
    return this.prisma.user.findMany({
      where: {
        practiceId,
        ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
      select: PUBLIC_COLUMNS,
    });
  }

  /** Throws 409 already_exists (field email) when the email is taken, by anyone on the server. */
  async create(
    practiceId: string,
    data: { id: string; name: string; email: string; role: Role; passwordHash: string },
    db: Db = this.prisma,
  ): Promise<UserRecord> {
    try {
      return await db.user.create({ data: { ...data, practiceId }, select: PUBLIC_COLUMNS });
    } catch (error) {
      throw isUniqueViolation(error) ? emailTaken() : error;
    }
  }

  /**
   * Locks the practice's row until the transaction ends, so changes to who administers a practice happen one at a
   * time (two admins demoting each other at once must not leave the practice without one).
   */
  async lockPractice(practiceId: string, tx: Tx): Promise<void> {
    await tx.$queryRaw`SELECT id FROM practices WHERE id = ${practiceId}::uuid FOR UPDATE`;
  }

  countActiveAdmins(practiceId: string, db: Db = this.prisma): Promise<number> {
    return db.user.count({ where: { practiceId, role: 'admin', active: true } });
  }

  /** Applies `data` only while the stored version is still `expectedVersion`; false when no row matched. */
  async updateAtVersion(practiceId: string, id: string, expectedVersion: number, data: UserFields, db: Db = this.prisma): Promise<boolean> {
    const { count } = await db.user.updateMany({
      where: { practiceId, id, version: expectedVersion },
      data: { ...data, version: { increment: 1 } },
    });
    return count === 1;
  }
}
