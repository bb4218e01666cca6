-- Creates the monthly partitions of system_logs and task_logs from the current month through
-- months_ahead months ahead. Rows that already sit in the default partition for such a month
-- are moved into the new partition, so creating partitions late never fails.
CREATE FUNCTION create_log_partitions(months_ahead INTEGER DEFAULT 3)
    RETURNS SETOF TEXT
    LANGUAGE plpgsql
AS $$
DECLARE
    parent      TEXT;
    month_start DATE;
    month_end   DATE;
    partition   TEXT;
BEGIN
    FOREACH parent IN ARRAY ARRAY['system_logs', 'task_logs'] LOOP
        FOR offset_months IN 0..months_ahead LOOP
            month_start := (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => offset_months))::date;
            month_end := (month_start + INTERVAL '1 month')::date;
            partition := format('%s_y%sm%s', parent, to_char(month_start, 'YYYY'), to_char(month_start, 'MM'));
            CONTINUE WHEN to_regclass(partition) IS NOT NULL;

            EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', parent);
            EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', partition, parent);
            EXECUTE format(
                'WITH moved AS (DELETE FROM %I WHERE created_at >= %L::timestamptz AND created_at < %L::timestamptz RETURNING *)
                 INSERT INTO %I SELECT * FROM moved',
                parent || '_default', month_start::text || ' 00:00:00+00', month_end::text || ' 00:00:00+00', partition);
            EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                parent, partition, month_start::text || ' 00:00:00+00', month_end::text || ' 00:00:00+00');
            RETURN NEXT partition;
        END LOOP;
    END LOOP;
END
$$;

-- Drops the monthly partitions of system_logs and task_logs whose whole month ended before
-- now() - retention; returns the names dropped. The default partition is never dropped.
CREATE FUNCTION drop_log_partitions_older_than(retention INTERVAL DEFAULT INTERVAL '6 months')
    RETURNS SETOF TEXT
    LANGUAGE plpgsql
AS $$
DECLARE
    part RECORD;
BEGIN
    FOR part IN
        SELECT child.relname AS name,
               parent.relname AS parent_name,
               pg_get_expr(child.relpartbound, child.oid) AS bound
          FROM pg_inherits i
          JOIN pg_class child ON child.oid = i.inhrelid
          JOIN pg_class parent ON parent.oid = i.inhparent
         WHERE parent.relname IN ('system_logs', 'task_logs')
           AND child.relname ~ '_y[0-9]{4}m[0-9]{2}$'
         ORDER BY child.relname
    LOOP
        IF substring(part.bound FROM 'TO \(''([^'']+)''\)')::timestamptz <= now() - retention THEN
            EXECUTE format('DROP TABLE %I', part.name);
            RETURN NEXT part.name;
        END IF;
    END LOOP;
END
$$;

-- This month and the next three; a scheduled call keeps creating them ahead.
DO $$ BEGIN PERFORM create_log_partitions(3); END $$;
