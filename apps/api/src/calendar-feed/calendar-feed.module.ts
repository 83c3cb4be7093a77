import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarFeedController, MyCalendarFeedController } from './calendar-feed.controller.js';
import { CalendarFeedRepository } from './calendar-feed.repository.js';
import { CalendarFeedService } from './calendar-feed.service.js';

/** Clinicians' calendar subscriptions: a secret iCalendar URL of their appointments. */
@Module({ imports: [AuditModule], controllers: [MyCalendarFeedController, CalendarFeedController], providers: [CalendarFeedService, CalendarFeedRepository] })
export class CalendarFeedModule {}
