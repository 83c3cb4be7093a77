-- A name search reads only its own practice's index entries: practice_id and the trigrams of search_name in one
-- GIN index. btree_gin gives GIN an operator class for uuid (trusted extension: no superuser needed on PG 13+).
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- DropIndex
DROP INDEX "patients_search_name_trgm";

-- CreateIndex. fastupdate off: new names go straight into the index instead of a pending list, which would make
-- the planner shun the index after a burst of registrations (an import) until the next vacuum. Patients are
-- registered far less often than they are searched.
CREATE INDEX "patients_practice_search_trgm" ON "patients" USING GIN ("practice_id" uuid_ops, "search_name" gin_trgm_ops) WITH (fastupdate = off);
