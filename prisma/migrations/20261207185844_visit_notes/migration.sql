-- CreateEnum
CREATE TYPE "NoteStatus" AS ENUM ('draft', 'signed', 'entered_in_error');

-- AlterTable
ALTER TABLE "practices" ADD COLUMN     "unsigned_note_hours" INTEGER NOT NULL DEFAULT 24;

-- CreateTable
CREATE TABLE "note_templates" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prompts" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by" UUID,

    CONSTRAINT "note_templates_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateTable
CREATE TABLE "visit_notes" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "template_id" UUID,
    "appointment_id" UUID,
    "episode_id" UUID,
    "assessment_id" UUID,
    "plan_id" UUID,
    "plan_version" INTEGER,
    "visit_date" DATE NOT NULL,
    "subjective" TEXT NOT NULL DEFAULT '',
    "objective" TEXT NOT NULL DEFAULT '',
    "assessment" TEXT NOT NULL DEFAULT '',
    "plan" TEXT NOT NULL DEFAULT '',
    "prefill_since" DATE,
    "status" "NoteStatus" NOT NULL DEFAULT 'draft',
    "status_reason" TEXT,
    "signed_at" TIMESTAMPTZ(3),
    "signed_by" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "search" tsvector GENERATED ALWAYS AS (to_tsvector('english', "subjective" || ' ' || "objective" || ' ' || "assessment" || ' ' || "plan")) STORED,

    CONSTRAINT "visit_notes_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateTable
CREATE TABLE "visit_note_addenda" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "note_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "search" tsvector GENERATED ALWAYS AS (to_tsvector('english', "text")) STORED,

    CONSTRAINT "visit_note_addenda_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateIndex
CREATE INDEX "note_templates_practice_id_name_idx" ON "note_templates"("practice_id", "name");

-- CreateIndex
CREATE INDEX "visit_notes_practice_id_patient_id_created_at_id_idx" ON "visit_notes"("practice_id", "patient_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "visit_notes_practice_id_author_id_status_created_at_idx" ON "visit_notes"("practice_id", "author_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "visit_notes_practice_patient_search" ON "visit_notes" USING GIN ("practice_id" uuid_ops, "patient_id" uuid_ops, "search" tsvector_ops) WITH (fastupdate = off);

-- CreateIndex
CREATE INDEX "visit_note_addenda_practice_id_note_id_created_at_id_idx" ON "visit_note_addenda"("practice_id", "note_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "visit_note_addenda_practice_search" ON "visit_note_addenda" USING GIN ("practice_id" uuid_ops, "search" tsvector_ops) WITH (fastupdate = off);

-- AddForeignKey
ALTER TABLE "note_templates" ADD CONSTRAINT "note_templates_practice_id_created_by_fkey" FOREIGN KEY ("practice_id", "created_by") REFERENCES "users"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "visit_notes" ADD CONSTRAINT "visit_notes_practice_id_patient_id_fkey" FOREIGN KEY ("practice_id", "patient_id") REFERENCES "patients"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "visit_notes" ADD CONSTRAINT "visit_notes_practice_id_author_id_fkey" FOREIGN KEY ("practice_id", "author_id") REFERENCES "users"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "visit_notes" ADD CONSTRAINT "visit_notes_practice_id_signed_by_fkey" FOREIGN KEY ("practice_id", "signed_by") REFERENCES "users"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "visit_notes" ADD CONSTRAINT "visit_notes_practice_id_template_id_fkey" FOREIGN KEY ("practice_id", "template_id") REFERENCES "note_templates"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "visit_notes" ADD CONSTRAINT "visit_notes_practice_id_appointment_id_fkey" FOREIGN KEY ("practice_id", "appointment_id") REFERENCES "appointments"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "visit_notes" ADD CONSTRAINT "visit_notes_practice_id_episode_id_fkey" FOREIGN KEY ("practice_id", "episode_id") REFERENCES "episodes"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "visit_notes" ADD CONSTRAINT "visit_notes_practice_id_assessment_id_fkey" FOREIGN KEY ("practice_id", "assessment_id") REFERENCES "assessments"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "visit_notes" ADD CONSTRAINT "visit_notes_practice_id_plan_id_fkey" FOREIGN KEY ("practice_id", "plan_id") REFERENCES "plans"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "visit_notes" ADD CONSTRAINT "visit_notes_practice_id_plan_id_plan_version_fkey" FOREIGN KEY ("practice_id", "plan_id", "plan_version") REFERENCES "plan_versions"("practice_id", "plan_id", "number") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "visit_note_addenda" ADD CONSTRAINT "visit_note_addenda_practice_id_note_id_fkey" FOREIGN KEY ("practice_id", "note_id") REFERENCES "visit_notes"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "visit_note_addenda" ADD CONSTRAINT "visit_note_addenda_practice_id_author_id_fkey" FOREIGN KEY ("practice_id", "author_id") REFERENCES "users"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- Written by hand (Prisma's schema cannot say these).

-- The word-search GIN indexes above take fastupdate = off (as patients_practice_search_trgm does): new entries go straight
-- into the index instead of a pending list, which every search must read in full and which makes the planner shun the
-- index after a burst of writes until the next vacuum. The notes' index holds the patient too: a search always names
-- one patient, and with only practice and words in the index the planner weighed it evenly against reading all of the
-- patient's notes through the per-patient btree (at 10,000 notes, 200 a patient; note-search-plan.spec.ts). Prisma's
-- schema cannot say WITH (...); it is written here.

-- The practice setting: hours after which an unsigned draft shows on its author's Today (1 hour to 30 days).
ALTER TABLE "practices" ADD CONSTRAINT "practices_unsigned_note_hours_range" CHECK ("unsigned_note_hours" BETWEEN 1 AND 720);

-- Templates: a name of 1-80 characters, unique per practice (ignoring case) among the active ones; prompts an object of
-- the four sections' texts.
ALTER TABLE "note_templates" ADD CONSTRAINT "note_templates_name_length" CHECK (char_length("name") BETWEEN 1 AND 80);
ALTER TABLE "note_templates" ADD CONSTRAINT "note_templates_prompts_shape" CHECK (
  jsonb_typeof("prompts") = 'object'
  AND jsonb_typeof("prompts" -> 'subjective') = 'string' AND jsonb_typeof("prompts" -> 'objective') = 'string'
  AND jsonb_typeof("prompts" -> 'assessment') = 'string' AND jsonb_typeof("prompts" -> 'plan') = 'string');
CREATE UNIQUE INDEX "note_templates_active_name" ON "note_templates" ("practice_id", lower("name")) WHERE "active";

-- The three templates every practice starts with, for every practice that exists now (signup and the demo seed create
-- them for later ones). The same list as DEFAULT_NOTE_TEMPLATES in apps/api/src/notes/default-templates.ts.
INSERT INTO "note_templates" ("id", "practice_id", "name", "prompts", "updated_at")
SELECT gen_random_uuid(), p."id", d."name", d."prompts", CURRENT_TIMESTAMP
  FROM "practices" p
 CROSS JOIN (VALUES
  ('Initial assessment', '{"subjective":"Presenting complaint:\nHistory of this episode (onset, mechanism, progression):\nAggravating and easing factors:\n24-hour pattern and sleep:\nPrevious episodes and treatment:\nGeneral health, medication, red-flag screen:\nWork, activity and the patient’s goals:","objective":"Observation and posture:\nLumbar range of movement:\nNeurological screen (dermatomes, myotomes, reflexes) where indicated:\nNeural tension tests:\nPalpation:\nFunctional tests:","assessment":"Clinical impression:\nContributing factors:\nYellow flags (beliefs, fear of movement, mood):","plan":"Treatment today:\nAdvice and education given:\nHome exercise programme:\nGoals agreed:\nNext review:"}'::jsonb),
  ('Follow-up', '{"subjective":"Since the last visit (symptoms, function, sleep):\nHome exercises: how often, any difficulty:\nNew concerns:","objective":"Re-assessment (range, strength, functional tests):","assessment":"Progress against goals:\nResponse to treatment so far:","plan":"Treatment today:\nExercise changes:\nNext review:"}'::jsonb),
  ('Discharge', '{"subjective":"The patient’s report of symptoms and function now:\nConfidence in self-management:","objective":"Final re-assessment and outcome measures:","assessment":"Goals met or not met:\nReason for discharge:","plan":"Home exercises to continue:\nWhat to do in a flare-up, and when to get back in touch:\nLetter to the GP or referrer:"}'::jsonb)
 ) AS d("name", "prompts");

-- Notes: a signed note has its signature, a draft has none; sections are bounded like the API's input.
ALTER TABLE "visit_notes" ADD CONSTRAINT "visit_notes_signature" CHECK (
  ("signed_at" IS NULL) = ("signed_by" IS NULL)
  AND ("status" <> 'signed' OR "signed_at" IS NOT NULL)
  AND ("status" <> 'draft' OR "signed_at" IS NULL));
ALTER TABLE "visit_notes" ADD CONSTRAINT "visit_notes_reason" CHECK (("status" = 'entered_in_error') = ("status_reason" IS NOT NULL));
ALTER TABLE "visit_notes" ADD CONSTRAINT "visit_notes_plan_version" CHECK (("plan_id" IS NULL) = ("plan_version" IS NULL));
ALTER TABLE "visit_notes" ADD CONSTRAINT "visit_notes_section_length" CHECK (
  char_length("subjective") <= 20000 AND char_length("objective") <= 20000 AND char_length("assessment") <= 20000 AND char_length("plan") <= 20000);

-- At most one note per appointment that is not entered in error (a second one answers 409 note_exists).
CREATE UNIQUE INDEX "visit_notes_one_per_appointment" ON "visit_notes" ("practice_id", "appointment_id")
  WHERE "appointment_id" IS NOT NULL AND "status" <> 'entered_in_error';

-- A signed note cannot change, whoever asks (the owner included; only a superuser could switch the trigger off).
-- DELETE is always refused. Once signed_at is set, an UPDATE may change only status (signed -> entered_in_error),
-- status_reason (with that change), version and updated_at. An entered-in-error note never changes again. A draft may
-- be edited, signed (signed_at and signed_by set at once) or marked entered in error; its identity (practice, patient,
-- author, creation) never changes. Refusals raise SQLSTATE UP409 with the API's problem code as the message
-- (note_signed, note_entered_in_error), which the API answers as 409 with that code.
CREATE FUNCTION visit_notes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'visit notes are never deleted (mark one entered in error instead): % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW."id" IS DISTINCT FROM OLD."id" OR NEW."practice_id" IS DISTINCT FROM OLD."practice_id"
     OR NEW."patient_id" IS DISTINCT FROM OLD."patient_id" OR NEW."author_id" IS DISTINCT FROM OLD."author_id"
     OR NEW."created_at" IS DISTINCT FROM OLD."created_at" THEN
    RAISE EXCEPTION 'note_identity' USING ERRCODE = 'UP409', DETAIL = 'A note''s practice, patient, author and creation time never change.';
  END IF;
  IF OLD."status" = 'entered_in_error' THEN
    RAISE EXCEPTION 'note_entered_in_error' USING ERRCODE = 'UP409', DETAIL = 'A note marked entered in error never changes again.';
  END IF;
  IF OLD."signed_at" IS NOT NULL THEN
    IF (to_jsonb(NEW) - ARRAY['status', 'status_reason', 'version', 'updated_at', 'search'])
         IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status', 'status_reason', 'version', 'updated_at', 'search'])
       OR NEW."status" NOT IN ('signed', 'entered_in_error')
       OR (NEW."status" = 'signed' AND NEW."status_reason" IS DISTINCT FROM OLD."status_reason") THEN
      RAISE EXCEPTION 'note_signed' USING ERRCODE = 'UP409', DETAIL = 'A signed note cannot be changed; add an addendum instead.';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER visit_notes_guard BEFORE UPDATE OR DELETE ON "visit_notes"
  FOR EACH ROW EXECUTE FUNCTION visit_notes_guard();
CREATE TRIGGER visit_notes_no_truncate BEFORE TRUNCATE ON "visit_notes"
  FOR EACH STATEMENT EXECUTE FUNCTION visit_notes_guard();

-- Addenda are append-only like the audit log (and the API's role may only SELECT and INSERT them: scripts/lib/roles.mjs),
-- and only a signed note takes one. The note is locked FOR SHARE while checking, so an addendum cannot slip in while the
-- note is being marked entered in error.
ALTER TABLE "visit_note_addenda" ADD CONSTRAINT "visit_note_addenda_text_length" CHECK (char_length("text") BETWEEN 1 AND 20000);
CREATE FUNCTION visit_note_addenda_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'visit_note_addenda is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER visit_note_addenda_no_update_delete BEFORE UPDATE OR DELETE ON "visit_note_addenda"
  FOR EACH ROW EXECUTE FUNCTION visit_note_addenda_append_only();
CREATE TRIGGER visit_note_addenda_no_truncate BEFORE TRUNCATE ON "visit_note_addenda"
  FOR EACH STATEMENT EXECUTE FUNCTION visit_note_addenda_append_only();
CREATE FUNCTION visit_note_addenda_on_signed_note() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  note_status "NoteStatus";
BEGIN
  SELECT n."status" INTO note_status FROM "visit_notes" n WHERE n."practice_id" = NEW."practice_id" AND n."id" = NEW."note_id" FOR SHARE;
  IF note_status = 'draft' THEN
    RAISE EXCEPTION 'note_not_signed' USING ERRCODE = 'UP409', DETAIL = 'Only a signed note takes an addendum; edit the draft instead.';
  ELSIF note_status = 'entered_in_error' THEN
    RAISE EXCEPTION 'note_entered_in_error' USING ERRCODE = 'UP409', DETAIL = 'A note marked entered in error takes no addendum.';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER visit_note_addenda_on_signed_note BEFORE INSERT ON "visit_note_addenda"
  FOR EACH ROW EXECUTE FUNCTION visit_note_addenda_on_signed_note();
