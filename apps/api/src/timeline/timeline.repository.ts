import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';

/** Records per kind on one timeline; older ones are reached through each kind's own paginated list. */
export const TIMELINE_LIMIT_PER_KIND = 100;

@Injectable()
export class TimelineRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** A patient's clinical records in a constant number of queries (no per-record lookups). */
  async load(practiceId: string, patientId: string) {
    const scope = { practiceId, patientId };
    const take = TIMELINE_LIMIT_PER_KIND + 1;
    const [episodes, assessments, plans, outcomes] = await Promise.all([
      this.prisma.episode.findMany({ where: scope, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take }),
      this.prisma.assessment.findMany({ where: scope, orderBy: [{ assessedOn: 'desc' }, { id: 'desc' }], take }),
      this.prisma.plan.findMany({ where: scope, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take }),
      this.prisma.outcomeScore.findMany({ where: scope, orderBy: [{ recordedOn: 'desc' }, { id: 'desc' }], take }),
    ]);
    const currentVersions = plans.length
      ? await this.prisma.planVersion.findMany({
          where: { practiceId, OR: plans.map((p) => ({ planId: p.id, number: p.currentVersion })) },
          select: { planId: true, title: true, startDate: true },
        })
      : [];
    return { episodes, assessments, plans, outcomes, currentVersions };
  }
}
