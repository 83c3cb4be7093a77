-- Practice settings an admin can change (PATCH /api/practice):
-- the time zone says what "today" is for the practice's dates (onset, review, diary days); existing practices keep UTC;
-- the version is the concurrency token of If-Match.
ALTER TABLE "practices" ADD COLUMN     "time_zone" TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE "practices" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
