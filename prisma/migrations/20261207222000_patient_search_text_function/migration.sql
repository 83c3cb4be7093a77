-- search_text in one place on the database side: what patient-identity.ts `searchTextOf` writes (the name key, the
-- email, the date of birth as YYYY-MM-DD, and every digit of the phone, one per line), for the statements that insert
-- patients in SQL (test data, the benchmark, backfills) instead of each spelling the layout out by hand.
-- apps/api/test/patient-identity.spec.ts keeps it equal to searchTextOf.
CREATE FUNCTION patient_search_text(search_name text, email text, date_of_birth date, phone text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT search_name || E'\n' || coalesce(email, '') || E'\n' || to_char(date_of_birth, 'YYYY-MM-DD')
         || E'\n' || coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), '')
$$;
