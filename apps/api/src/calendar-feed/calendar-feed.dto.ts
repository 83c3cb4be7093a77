import { ApiProperty } from '@nestjs/swagger';

/** POST /api/users/me/calendar-feed: the feed's secret URL, shown once (only its hash is kept). */
export class CalendarFeedCreatedDto {
  @ApiProperty({
    format: 'uri',
    example: 'https://clinic.example.com/api/calendar-feed/3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    description: 'Subscribe to it from a calendar app; anyone with it sees your appointments (initials only), so keep it private',
  })
  url!: string;
}
