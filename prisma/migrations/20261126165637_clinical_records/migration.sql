-- CreateEnum
CREATE TYPE "RecordStatus" AS ENUM ('recorded', 'entered_in_error');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('draft', 'active', 'completed', 'entered_in_error');

-- CreateTable
CREATE TABLE "episodes" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "onset_date" DATE NOT NULL,
    "recorded_on" DATE NOT NULL,
    "trigger" TEXT NOT NULL,
    "episodes_last_12_months" INTEGER NOT NULL,
    "frequency_trend" TEXT NOT NULL,
    "pain_nprs" INTEGER NOT NULL,
    "pain_areas" TEXT[],
    "red_flags" TEXT[],
    "notes" TEXT,
    "classification" JSONB NOT NULL,
    "category" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "review_in_days" INTEGER NOT NULL,
    "ruleset_version" TEXT NOT NULL,
    "status" "RecordStatus" NOT NULL DEFAULT 'recorded',
    "status_reason" TEXT,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "episodes_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateTable
CREATE TABLE "assessments" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "assessed_on" DATE NOT NULL,
    "measurements" JSONB NOT NULL,
    "notes" TEXT,
    "report" JSONB NOT NULL,
    "refer" BOOLEAN NOT NULL,
    "ruleset_version" TEXT NOT NULL,
    "status" "RecordStatus" NOT NULL DEFAULT 'recorded',
    "status_reason" TEXT,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "assessments_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateTable
CREATE TABLE "plans" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "episode_id" UUID,
    "assessment_id" UUID,
    "status" "PlanStatus" NOT NULL DEFAULT 'draft',
    "status_reason" TEXT,
    "current_version" INTEGER NOT NULL DEFAULT 1,
    "category" TEXT,
    "ruleset_version" TEXT,
    "activated_at" TIMESTAMPTZ(3),
    "activated_by" UUID,
    "override_reason" TEXT,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "plans_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateTable
CREATE TABLE "plan_versions" (
    "practice_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "phases" JSONB NOT NULL,
    "review_dates" TEXT[],
    "notes" TEXT[],
    "change_note" TEXT,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_versions_pkey" PRIMARY KEY ("practice_id","plan_id","number")
);

-- CreateTable
CREATE TABLE "practice_exercises" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "targets" TEXT[],
    "steps" TEXT[],
    "regression" TEXT NOT NULL,
    "progression" TEXT NOT NULL,
    "safety" TEXT NOT NULL,
    "default_dose" JSONB NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "practice_exercises_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateTable
CREATE TABLE "outcome_scores" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "instrument" TEXT NOT NULL,
    "recorded_on" DATE NOT NULL,
    "answers" JSONB NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "band" TEXT,
    "ruleset_version" TEXT NOT NULL,
    "status" "RecordStatus" NOT NULL DEFAULT 'recorded',
    "status_reason" TEXT,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outcome_scores_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateTable
CREATE TABLE "share_links" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by" UUID,
    "failed_attempts" INTEGER NOT NULL DEFAULT 0,
    "locked_at" TIMESTAMPTZ(3),
    "last_opened_at" TIMESTAMPTZ(3),
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "share_links_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateIndex
CREATE INDEX "episodes_practice_id_patient_id_created_at_id_idx" ON "episodes"("practice_id", "patient_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "episodes_practice_id_category_urgency_idx" ON "episodes"("practice_id", "category", "urgency");

-- CreateIndex
CREATE INDEX "assessments_practice_id_patient_id_assessed_on_id_idx" ON "assessments"("practice_id", "patient_id", "assessed_on" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "plans_practice_id_patient_id_created_at_id_idx" ON "plans"("practice_id", "patient_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "plans_practice_id_status_idx" ON "plans"("practice_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "practice_exercises_practice_id_code_key" ON "practice_exercises"("practice_id", "code");

-- CreateIndex
CREATE INDEX "outcome_scores_practice_id_patient_id_instrument_recorded_o_idx" ON "outcome_scores"("practice_id", "patient_id", "instrument", "recorded_on", "id");

-- CreateIndex
CREATE UNIQUE INDEX "share_links_token_hash_key" ON "share_links"("token_hash");

-- CreateIndex
CREATE INDEX "share_links_practice_id_plan_id_idx" ON "share_links"("practice_id", "plan_id");

-- AddForeignKey
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_practice_id_patient_id_fkey" FOREIGN KEY ("practice_id", "patient_id") REFERENCES "patients"("practice_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_practice_id_patient_id_fkey" FOREIGN KEY ("practice_id", "patient_id") REFERENCES "patients"("practice_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_practice_id_patient_id_fkey" FOREIGN KEY ("practice_id", "patient_id") REFERENCES "patients"("practice_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_practice_id_episode_id_fkey" FOREIGN KEY ("practice_id", "episode_id") REFERENCES "episodes"("practice_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_practice_id_assessment_id_fkey" FOREIGN KEY ("practice_id", "assessment_id") REFERENCES "assessments"("practice_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_practice_id_plan_id_fkey" FOREIGN KEY ("practice_id", "plan_id") REFERENCES "plans"("practice_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practice_exercises" ADD CONSTRAINT "practice_exercises_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outcome_scores" ADD CONSTRAINT "outcome_scores_practice_id_patient_id_fkey" FOREIGN KEY ("practice_id", "patient_id") REFERENCES "patients"("practice_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_practice_id_plan_id_fkey" FOREIGN KEY ("practice_id", "plan_id") REFERENCES "plans"("practice_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_practice_id_patient_id_fkey" FOREIGN KEY ("practice_id", "patient_id") REFERENCES "patients"("practice_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
