-- The spasm cycle (issue 19, clinical rules section 9, ruleset 2026.12): when an episode settled, the patient's
-- next-morning answer on each log, the discharge that completes a plan (with what was shown then, never recomputed),
-- the progression advice a plan version applied, and the follow-up questions at 3, 6 and 12 months after discharge.

-- AlterTable
ALTER TABLE "episodes" ADD COLUMN     "resolved_by" UUID,
ADD COLUMN     "resolved_by_type" "ActorType",
ADD COLUMN     "resolved_on" DATE;

-- AlterTable
ALTER TABLE "patient_logs" ADD COLUMN     "settled_answered_at" TIMESTAMPTZ(3),
ADD COLUMN     "settled_by_next_morning" BOOLEAN;

-- AlterTable
ALTER TABLE "plan_versions" ADD COLUMN     "advice" JSONB;

-- AlterTable
ALTER TABLE "plans" ADD COLUMN     "completed_on" DATE,
ADD COLUMN     "discharge" JSONB,
ADD COLUMN     "discharge_reason" TEXT,
ADD COLUMN     "discharged_by" UUID,
ADD COLUMN     "reached_meaningful_change" BOOLEAN;

-- CreateTable
CREATE TABLE "discharge_follow_ups" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "months" SMALLINT NOT NULL,
    "due_on" DATE NOT NULL,
    "answered_at" TIMESTAMPTZ(3),
    "spasm_since" BOOLEAN,
    "spasm_on" DATE,
    "episode_id" UUID,
    "reviewed_at" TIMESTAMPTZ(3),
    "reviewed_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "discharge_follow_ups_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateIndex
CREATE INDEX "discharge_follow_ups_practice_id_patient_id_due_on_idx" ON "discharge_follow_ups"("practice_id", "patient_id", "due_on");

-- CreateIndex
CREATE UNIQUE INDEX "discharge_follow_ups_practice_id_plan_id_months_key" ON "discharge_follow_ups"("practice_id", "plan_id", "months");

-- CreateIndex
CREATE INDEX "plans_practice_id_status_completed_on_idx" ON "plans"("practice_id", "status", "completed_on");

-- AddForeignKey
ALTER TABLE "discharge_follow_ups" ADD CONSTRAINT "discharge_follow_ups_practice_id_patient_id_fkey" FOREIGN KEY ("practice_id", "patient_id") REFERENCES "patients"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "discharge_follow_ups" ADD CONSTRAINT "discharge_follow_ups_practice_id_plan_id_fkey" FOREIGN KEY ("practice_id", "plan_id") REFERENCES "plans"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "discharge_follow_ups" ADD CONSTRAINT "discharge_follow_ups_practice_id_episode_id_fkey" FOREIGN KEY ("practice_id", "episode_id") REFERENCES "episodes"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- What the rules and the API rely on, held by the database as well.
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_resolved_on_after_onset" CHECK ("resolved_on" IS NULL OR "resolved_on" >= "onset_date");
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_resolved_by_together"
  CHECK (("resolved_on" IS NULL) = ("resolved_by_type" IS NULL) AND ("resolved_on" IS NULL) = ("resolved_by" IS NULL));
ALTER TABLE "patient_logs" ADD CONSTRAINT "patient_logs_settled_answer_together"
  CHECK (("settled_by_next_morning" IS NULL) = ("settled_answered_at" IS NULL));
ALTER TABLE "plans" ADD CONSTRAINT "plans_discharge_together"
  CHECK (("completed_on" IS NULL) = ("discharge" IS NULL) AND ("completed_on" IS NULL) = ("discharged_by" IS NULL)
         AND ("completed_on" IS NULL OR "status" IN ('completed', 'entered_in_error')));
ALTER TABLE "discharge_follow_ups" ADD CONSTRAINT "discharge_follow_ups_months" CHECK ("months" IN (3, 6, 12));
ALTER TABLE "discharge_follow_ups" ADD CONSTRAINT "discharge_follow_ups_answer"
  CHECK (("answered_at" IS NULL) = ("spasm_since" IS NULL)
         AND ("spasm_on" IS NULL OR "spasm_since")
         AND ("episode_id" IS NULL OR "spasm_since"));
