-- Trigram search over task names and prompt text.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- uuid-ossp where the server ships it; gen_random_uuid() (core since PostgreSQL 13) otherwise.
-- new_uuid() hides the choice so that table defaults do not depend on it.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'uuid-ossp') THEN
        CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
        CREATE FUNCTION new_uuid() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE
            AS 'SELECT uuid_generate_v4()';
    ELSE
        CREATE FUNCTION new_uuid() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE
            AS 'SELECT gen_random_uuid()';
    END IF;
END
$$;
