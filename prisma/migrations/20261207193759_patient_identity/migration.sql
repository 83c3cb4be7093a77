-- Find a patient by any detail, and tell a probable duplicate (issue 18). Beside each patient the API keeps, with every
-- registration and correction (apps/api/src/patients/patient-identity.ts): search_name (as before), phone_digits and
-- search_text. This migration adds the two new ones and backfills them for the patients that exist.

-- The significant digits of a phone number: every non-digit removed; for an international number (+44 …, 0044 …) the
-- country code (codes of one and two digits listed, every other has three; the codes are prefix-free); then one
-- leading 0 (trunk prefix, or the "(0)" after a country code). NULL when no digit is left. The same rule as
-- patient-identity.ts `phoneDigits`/`phoneKeyOf`; apps/api/test/patient-identity.spec.ts keeps the two equal. Kept in
-- the database for backfills like the one below.
CREATE FUNCTION patient_phone_digits(phone text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT NULLIF(regexp_replace(
           CASE WHEN NOT i.international THEN d.digits
                WHEN i.dialled ~ '^[17]' THEN substr(i.dialled, 2)
                WHEN i.dialled ~ '^(2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])' THEN substr(i.dialled, 3)
                ELSE substr(i.dialled, 4)
           END, '^0', ''), '')
    FROM (SELECT regexp_replace(phone, '[^0-9]', '', 'g') AS digits) d,
         LATERAL (SELECT phone ~ '^[ (]*[+]' OR d.digits LIKE '00%' AS international, regexp_replace(d.digits, '^00', '') AS dialled) i
$$;

-- AlterTable
ALTER TABLE "patients" ADD COLUMN "phone_digits" TEXT,
ADD COLUMN "search_text" TEXT;

-- The API has always stored emails trimmed and lower-cased (the patient DTO); rows written around it are brought in
-- line, so the duplicate rule compares emails as stored, through a plain index.
UPDATE "patients" SET "email" = NULLIF(lower(btrim("email")), '')
 WHERE "email" IS DISTINCT FROM NULLIF(lower(btrim("email")), '');

-- Backfill: search_text is search_name, the email, the date of birth and every digit of the phone, one per line
-- (patient-identity.ts `searchTextOf`).
UPDATE "patients" SET
  "phone_digits" = patient_phone_digits("phone"),
  "search_text" = "search_name" || E'\n' || coalesce("email", '') || E'\n' || to_char("date_of_birth", 'YYYY-MM-DD')
                  || E'\n' || coalesce(regexp_replace("phone", '[^0-9]', '', 'g'), '');

ALTER TABLE "patients" ALTER COLUMN "search_text" SET NOT NULL;

-- The search index moves from search_name to search_text (same name, same shape). fastupdate off, as before: new
-- rows go straight into the index (an import adds thousands at once) instead of a pending list the planner shuns.
DROP INDEX "patients_practice_search_trgm";
CREATE INDEX "patients_practice_search_trgm" ON "patients" USING GIN ("practice_id" uuid_ops, "search_text" gin_trgm_ops) WITH (fastupdate = off);

-- The duplicate rule's lookups: same name and date of birth, same email, same phone (each within the practice).
CREATE INDEX "patients_practice_id_date_of_birth_search_name_idx" ON "patients"("practice_id", "date_of_birth", "search_name");
CREATE INDEX "patients_practice_id_email_idx" ON "patients"("practice_id", "email");
CREATE INDEX "patients_practice_id_phone_digits_idx" ON "patients"("practice_id", "phone_digits");
