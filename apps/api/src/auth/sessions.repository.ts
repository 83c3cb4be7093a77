import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';

@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { tokenHash: string; userId: string; practiceId: string; expiresAt: Date; ip: string | null; userAgent: string | null }) {
    return this.prisma.session.create({ data });
  }

  findWithUser(tokenHash: string) {
    return this.prisma.session.findUnique({
      where: { tokenHash },
      include: { user: { include: { practice: { select: { id: true, name: true, timeZone: true } } } } },
    });
  }

  touch(tokenHash: string, at: Date) {
    return this.prisma.session.updateMany({ where: { tokenHash }, data: { lastSeenAt: at } });
  }

  delete(tokenHash: string) {
    return this.prisma.session.deleteMany({ where: { tokenHash } });
  }

  deleteForUser(userId: string) {
    return this.prisma.session.deleteMany({ where: { userId } });
  }
}
