-- CreateEnum
CREATE TYPE "AppointmentStatus" AS ENUM ('booked', 'arrived', 'completed', 'cancelled', 'no_show');

-- CreateTable
CREATE TABLE "appointment_types" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "color" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "appointment_types_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateTable
CREATE TABLE "working_hours" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "weekday" SMALLINT NOT NULL,
    "start_time" TIME(0) NOT NULL,
    "end_time" TIME(0) NOT NULL,

    CONSTRAINT "working_hours_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateTable
CREATE TABLE "working_hour_exceptions" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "start_time" TIME(0),
    "end_time" TIME(0),

    CONSTRAINT "working_hour_exceptions_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateTable
CREATE TABLE "appointments" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "clinician_id" UUID NOT NULL,
    "type_id" UUID NOT NULL,
    "start_at" TIMESTAMPTZ(3) NOT NULL,
    "end_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "AppointmentStatus" NOT NULL DEFAULT 'booked',
    "cancel_reason" TEXT,
    "override_reason" TEXT,
    "episode_id" UUID,
    "plan_id" UUID,
    "note" TEXT,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "appointments_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateIndex
CREATE INDEX "appointment_types_practice_id_name_idx" ON "appointment_types"("practice_id", "name");

-- CreateIndex
CREATE INDEX "working_hours_practice_id_user_id_idx" ON "working_hours"("practice_id", "user_id");

-- CreateIndex
CREATE INDEX "working_hour_exceptions_practice_id_user_id_date_idx" ON "working_hour_exceptions"("practice_id", "user_id", "date");

-- CreateIndex
CREATE INDEX "appointments_practice_id_clinician_id_start_at_idx" ON "appointments"("practice_id", "clinician_id", "start_at");

-- CreateIndex
CREATE INDEX "appointments_practice_id_start_at_idx" ON "appointments"("practice_id", "start_at");

-- CreateIndex
CREATE INDEX "appointments_practice_id_patient_id_start_at_idx" ON "appointments"("practice_id", "patient_id", "start_at");

-- CreateIndex
CREATE UNIQUE INDEX "users_practice_id_id_key" ON "users"("practice_id", "id");

-- AddForeignKey
ALTER TABLE "working_hours" ADD CONSTRAINT "working_hours_practice_id_user_id_fkey" FOREIGN KEY ("practice_id", "user_id") REFERENCES "users"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "working_hour_exceptions" ADD CONSTRAINT "working_hour_exceptions_practice_id_user_id_fkey" FOREIGN KEY ("practice_id", "user_id") REFERENCES "users"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_practice_id_patient_id_fkey" FOREIGN KEY ("practice_id", "patient_id") REFERENCES "patients"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_practice_id_clinician_id_fkey" FOREIGN KEY ("practice_id", "clinician_id") REFERENCES "users"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_practice_id_type_id_fkey" FOREIGN KEY ("practice_id", "type_id") REFERENCES "appointment_types"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_practice_id_episode_id_fkey" FOREIGN KEY ("practice_id", "episode_id") REFERENCES "episodes"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_practice_id_plan_id_fkey" FOREIGN KEY ("practice_id", "plan_id") REFERENCES "plans"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- Written by hand (Prisma's schema cannot say these).
-- No double-booking, by the database: two active appointments of one clinician never overlap ([start, end) ranges,
-- so one ending at 10:00 and the next starting at 10:00 do not). Cancelled and no-show ones free their time.
-- A violation is SQLSTATE 23P01, which the API answers 409 slot_taken. btree_gist gives the = operators on uuid
-- a GiST operator class; it is a trusted extension, so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE "appointments" ADD CONSTRAINT "appointments_no_overlap"
  EXCLUDE USING gist ("practice_id" WITH =, "clinician_id" WITH =, tstzrange("start_at", "end_at", '[)') WITH &&)
  WHERE ("status" NOT IN ('cancelled', 'no_show'));

ALTER TABLE "appointments" ADD CONSTRAINT "appointments_end_after_start" CHECK ("end_at" > "start_at");
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_cancel_reason" CHECK (("status" = 'cancelled') = ("cancel_reason" IS NOT NULL));
ALTER TABLE "appointment_types" ADD CONSTRAINT "appointment_types_duration" CHECK ("duration_minutes" BETWEEN 5 AND 240);
ALTER TABLE "working_hours" ADD CONSTRAINT "working_hours_weekday" CHECK ("weekday" BETWEEN 1 AND 7);
ALTER TABLE "working_hours" ADD CONSTRAINT "working_hours_end_after_start" CHECK ("end_time" > "start_time");
ALTER TABLE "working_hour_exceptions" ADD CONSTRAINT "working_hour_exceptions_times"
  CHECK (("start_time" IS NULL AND "end_time" IS NULL) OR ("start_time" IS NOT NULL AND "end_time" IS NOT NULL AND "end_time" > "start_time"));
