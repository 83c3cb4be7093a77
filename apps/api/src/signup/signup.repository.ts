import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PrismaService, Tx } from '../database/prisma.service.js';
import { DEFAULT_NOTE_TEMPLATES } from '../notes/default-templates.js';
import { emailTaken, isUniqueViolation } from '../users/email-taken.js';

type Db = Tx | PrismaService;

@Injectable()
export class SignupRepository {
  constructor(private readonly prisma: PrismaService) {}

  createPractice(data: { id: string; name: string; timeZone: string }, db: Db = this.prisma) {
    return db.practice.create({ data, select: { id: true, name: true, timeZone: true } });
  }

  /** The note templates every practice starts with (Initial assessment, Follow-up, Discharge). */
  async createDefaultNoteTemplates(practiceId: string, db: Db = this.prisma): Promise<void> {
    await db.noteTemplate.createMany({ data: DEFAULT_NOTE_TEMPLATES.map((t) => ({ id: randomUUID(), practiceId, name: t.name, prompts: { ...t.prompts } })) });
  }

  /** The practice's first admin; 409 already_exists (field email) when the email is taken. */
  async createAdmin(data: { id: string; practiceId: string; name: string; email: string; passwordHash: string }, db: Db = this.prisma) {
    try {
      return await db.user.create({ data: { ...data, role: 'admin' }, select: { id: true, practiceId: true, name: true, email: true, role: true } });
    } catch (error) {
      throw isUniqueViolation(error) ? emailTaken() : error;
    }
  }

  /** The signed-in user's password hash, scoped to their practice. */
  findCredentials(practiceId: string, userId: string) {
    return this.prisma.user.findUnique({
      where: { id: userId, practiceId },
      select: { id: true, practiceId: true, email: true, name: true, passwordHash: true },
    });
  }

  async setPassword(practiceId: string, userId: string, passwordHash: string, at: Date, db: Db = this.prisma): Promise<boolean> {
    const { count } = await db.user.updateMany({
      where: { id: userId, practiceId },
      data: { passwordHash, passwordChangedAt: at, version: { increment: 1 } },
    });
    return count === 1;
  }
}
