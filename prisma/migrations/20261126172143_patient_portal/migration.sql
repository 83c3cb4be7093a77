-- AlterTable
ALTER TABLE "share_links" ADD COLUMN     "last_seen_version" INTEGER;

-- CreateTable
CREATE TABLE "portal_sessions" (
    "token_hash" TEXT NOT NULL,
    "practice_id" UUID NOT NULL,
    "share_link_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "portal_sessions_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "patient_logs" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "plan_version" INTEGER NOT NULL,
    "share_link_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "completed_exercises" TEXT[],
    "pain" INTEGER NOT NULL,
    "difficulty" INTEGER NOT NULL,
    "note" TEXT,
    "alert_reasons" TEXT[],
    "alert_acknowledged_at" TIMESTAMPTZ(3),
    "alert_acknowledged_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "patient_logs_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateIndex
CREATE INDEX "portal_sessions_share_link_id_idx" ON "portal_sessions"("share_link_id");

-- CreateIndex
CREATE INDEX "portal_sessions_expires_at_idx" ON "portal_sessions"("expires_at");

-- CreateIndex
CREATE INDEX "patient_logs_practice_id_patient_id_date_id_idx" ON "patient_logs"("practice_id", "patient_id", "date" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "patient_logs" ADD CONSTRAINT "patient_logs_practice_id_patient_id_fkey" FOREIGN KEY ("practice_id", "patient_id") REFERENCES "patients"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "patient_logs" ADD CONSTRAINT "patient_logs_practice_id_plan_id_fkey" FOREIGN KEY ("practice_id", "plan_id") REFERENCES "plans"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "patient_logs" ADD CONSTRAINT "patient_logs_practice_id_plan_id_plan_version_fkey" FOREIGN KEY ("practice_id", "plan_id", "plan_version") REFERENCES "plan_versions"("practice_id", "plan_id", "number") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "patient_logs" ADD CONSTRAINT "patient_logs_practice_id_share_link_id_fkey" FOREIGN KEY ("practice_id", "share_link_id") REFERENCES "share_links"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;
