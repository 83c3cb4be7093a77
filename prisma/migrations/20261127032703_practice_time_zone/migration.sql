-- Each practice says what "today" is for its dates (onset, review, diary days); existing practices keep UTC.
-- AlterTable
ALTER TABLE "practices" ADD COLUMN     "time_zone" TEXT NOT NULL DEFAULT 'UTC';
