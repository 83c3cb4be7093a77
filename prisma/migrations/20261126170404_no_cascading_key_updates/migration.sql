-- DropForeignKey
ALTER TABLE "assessments" DROP CONSTRAINT "assessments_practice_id_patient_id_fkey";

-- DropForeignKey
ALTER TABLE "episodes" DROP CONSTRAINT "episodes_practice_id_patient_id_fkey";

-- DropForeignKey
ALTER TABLE "outcome_scores" DROP CONSTRAINT "outcome_scores_practice_id_patient_id_fkey";

-- DropForeignKey
ALTER TABLE "patients" DROP CONSTRAINT "patients_practice_id_fkey";

-- DropForeignKey
ALTER TABLE "plan_versions" DROP CONSTRAINT "plan_versions_practice_id_plan_id_fkey";

-- DropForeignKey
ALTER TABLE "plans" DROP CONSTRAINT "plans_practice_id_assessment_id_fkey";

-- DropForeignKey
ALTER TABLE "plans" DROP CONSTRAINT "plans_practice_id_episode_id_fkey";

-- DropForeignKey
ALTER TABLE "plans" DROP CONSTRAINT "plans_practice_id_patient_id_fkey";

-- DropForeignKey
ALTER TABLE "practice_exercises" DROP CONSTRAINT "practice_exercises_practice_id_fkey";

-- DropForeignKey
ALTER TABLE "share_links" DROP CONSTRAINT "share_links_practice_id_patient_id_fkey";

-- DropForeignKey
ALTER TABLE "share_links" DROP CONSTRAINT "share_links_practice_id_plan_id_fkey";

-- DropForeignKey
ALTER TABLE "users" DROP CONSTRAINT "users_practice_id_fkey";

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "patients" ADD CONSTRAINT "patients_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_practice_id_patient_id_fkey" FOREIGN KEY ("practice_id", "patient_id") REFERENCES "patients"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_practice_id_patient_id_fkey" FOREIGN KEY ("practice_id", "patient_id") REFERENCES "patients"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_practice_id_patient_id_fkey" FOREIGN KEY ("practice_id", "patient_id") REFERENCES "patients"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_practice_id_episode_id_fkey" FOREIGN KEY ("practice_id", "episode_id") REFERENCES "episodes"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_practice_id_assessment_id_fkey" FOREIGN KEY ("practice_id", "assessment_id") REFERENCES "assessments"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_practice_id_plan_id_fkey" FOREIGN KEY ("practice_id", "plan_id") REFERENCES "plans"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "practice_exercises" ADD CONSTRAINT "practice_exercises_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "outcome_scores" ADD CONSTRAINT "outcome_scores_practice_id_patient_id_fkey" FOREIGN KEY ("practice_id", "patient_id") REFERENCES "patients"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_practice_id_plan_id_fkey" FOREIGN KEY ("practice_id", "plan_id") REFERENCES "plans"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_practice_id_patient_id_fkey" FOREIGN KEY ("practice_id", "patient_id") REFERENCES "patients"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;
