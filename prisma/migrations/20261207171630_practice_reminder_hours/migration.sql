-- How long before an appointment the patient's reminder email goes out (a practice setting; 1 hour to 7 days).
ALTER TABLE "practices" ADD COLUMN "reminder_hours" INTEGER NOT NULL DEFAULT 24;
ALTER TABLE "practices" ADD CONSTRAINT "practices_reminder_hours_range" CHECK ("reminder_hours" BETWEEN 1 AND 168);
