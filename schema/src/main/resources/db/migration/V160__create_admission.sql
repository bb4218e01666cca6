-- Admission: the backlog stays in PostgreSQL, the outbox receives only what is admitted.
--
-- A task's subtasks are written at once, but its attempts (queue_tasks rows, which Debezium
-- publishes) are written only as they are admitted: in fair order between users, in priority order
-- within a user's work, at the queue's rate, and a window ahead of the free slots so that no slot
-- waits for the event path. Kafka's order on a dispatch topic is then the order of execution, and
-- cancelling a task stops its dispatch at once: what was not admitted is never published.
--
--   queue_backlog   one row per task with subtasks not yet admitted: its cursor (next_seq) into
--                   the subtasks' expansion order (subtasks.seq).
--   queue_shares    one row per queue and user: the user's pass (stride scheduling). The backlogged
--                   user with the lowest pass is served next; each admission adds 1 / share_weight.
--                   A user whose backlog was empty re-enters at the lowest pass of those waiting:
--                   neither idle time nor past use carries over.
--
-- admit_queue_tasks(queue) fills the queue's window under a transaction-level advisory lock taken
-- with try: an admission that finds another one running for the same queue leaves the window to it
-- and never waits. It runs in the submission's transaction, in every statement that claims
-- attempts (a trigger on queue_tasks: completions clock admission), and from the dispatcher's
-- leader for rates and idle queues.

ALTER TABLE users
    ADD COLUMN share_weight NUMERIC(7, 2) NOT NULL DEFAULT 1,
    ADD CONSTRAINT check_share_weight CHECK (share_weight > 0 AND share_weight <= 1000);

COMMENT ON COLUMN users.share_weight IS
    'The user''s share of a queue''s starts against other users with waiting work (default 1).';

ALTER TABLE task_queues
    ADD COLUMN rate_limit_per_minute INTEGER,
    ADD COLUMN admission_window      INTEGER,
    ADD CONSTRAINT check_rate_limit_per_minute CHECK (rate_limit_per_minute IS NULL OR rate_limit_per_minute > 0),
    ADD CONSTRAINT check_admission_window CHECK (admission_window IS NULL OR admission_window BETWEEN 1 AND 10000);

COMMENT ON COLUMN task_queues.rate_limit_per_minute IS
    'At most this many starts in any sliding 60 s window, across all workers; NULL: no rate limit.';
COMMENT ON COLUMN task_queues.admission_window IS
    'How many admitted attempts may wait beyond the free slots; NULL: half the starts of the last second, at least 2.';

-- The subtask's place in its task's expansion order (v0 slowest); NULL for subtasks written before
-- admission existed, which were all enqueued at once.
ALTER TABLE subtasks ADD COLUMN seq INTEGER;
CREATE INDEX subtasks_task_seq_idx ON subtasks (task_id, seq) WHERE seq IS NOT NULL;

-- Starts of a queue in the last minute, for its rate limit.
CREATE INDEX queue_tasks_queue_started_idx ON queue_tasks (queue_id, started_at) WHERE started_at IS NOT NULL;

CREATE TABLE queue_backlog (
    task_id    UUID        PRIMARY KEY,
    queue_id   INTEGER     NOT NULL,
    user_id    INTEGER     NOT NULL,
    priority   SMALLINT    NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    next_seq   INTEGER     NOT NULL DEFAULT 0,
    total      INTEGER     NOT NULL,
    CONSTRAINT fk_queue_backlog_task FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
    CONSTRAINT fk_queue_backlog_queue FOREIGN KEY (queue_id) REFERENCES task_queues (id) ON DELETE CASCADE,
    CONSTRAINT check_backlog_cursor CHECK (next_seq >= 0 AND next_seq <= total)
);

-- A user's work within a queue: higher priority first, then the older task.
CREATE INDEX queue_backlog_order_idx ON queue_backlog (queue_id, user_id, priority DESC, created_at, task_id);

CREATE TABLE queue_shares (
    queue_id INTEGER          NOT NULL,
    user_id  INTEGER          NOT NULL,
    pass     DOUBLE PRECISION NOT NULL DEFAULT 0,
    waiting  INTEGER          NOT NULL DEFAULT 0,
    -- The last admission of the user's work here: of users with equal passes, the one served
    -- longest ago (or never) goes first.
    served   TIMESTAMPTZ,
    PRIMARY KEY (queue_id, user_id),
    CONSTRAINT fk_queue_shares_queue FOREIGN KEY (queue_id) REFERENCES task_queues (id) ON DELETE CASCADE,
    CONSTRAINT fk_queue_shares_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT check_waiting_not_negative CHECK (waiting >= 0)
);

CREATE INDEX queue_shares_next_idx ON queue_shares (queue_id, pass, served NULLS FIRST, user_id) WHERE waiting > 0;

-- How many more attempts the queue may admit now: the window's free room, and under a rate limit
-- the room left in the last 60 s, counting what is admitted but not yet started as started.
--
-- The window is the queue's free slots plus a lead that follows the queue's pace: half its starts
-- of the last second (at least 2) covers half a second of the event path (commit, Debezium, Kafka,
-- the worker), so no slot waits for a record, while a queue of slow generations keeps only a couple
-- of attempts ahead of its slots and a newcomer's work is admitted after them. An idle queue thus
-- fills all its slots at once. admission_window overrides the lead. Every count stops where it
-- stops mattering, so an admission costs the same whatever the queue's history. The time is a
-- parameter: compared with clock_timestamp() itself (volatile), the starts index could not bound
-- its scan and would read every start the queue ever had.
CREATE FUNCTION admission_room(p_queue_id INTEGER, p_now TIMESTAMPTZ)
    RETURNS INTEGER
    LANGUAGE sql
    STABLE
AS $$
    SELECT CASE WHEN NOT q.is_active THEN 0
                ELSE greatest(0, least(
                    w.size - p.waiting,
                    CASE WHEN q.rate_limit_per_minute IS NULL THEN 2147483647
                         ELSE q.rate_limit_per_minute - p.waiting
                              - (SELECT count(*) FROM queue_tasks qt
                                  WHERE qt.queue_id = q.id
                                    AND qt.started_at > p_now - interval '60 seconds')
                    END))::INTEGER
           END
      FROM task_queues q,
           LATERAL (SELECT greatest(q.max_concurrent_tasks - q.current_concurrent_tasks, 0)
                           + coalesce(q.admission_window,
                                      greatest(2, (SELECT count(*)
                                                     FROM (SELECT 1 FROM queue_tasks qt
                                                            WHERE qt.queue_id = q.id
                                                              AND qt.started_at > p_now - interval '1 second'
                                                            LIMIT 20000) AS x) / 2))
                               AS size) AS w,
           -- Read from the queue's counters (V130): the same cost with a few pending attempts or many.
           LATERAL (SELECT coalesce(sum(c.pending), 0) AS waiting
                      FROM queue_task_counts c WHERE c.queue_id = q.id) AS p
     WHERE q.id = p_queue_id
$$;

-- Admits up to p_max attempts (NULL: as many as there is room for) of the queue's backlog in fair
-- order, and answers how many it wrote. Answers 0 at once when another transaction is admitting
-- for this queue.
--
-- Turns are decided one user at a time (a user alone in the backlog takes all the room in one
-- turn, from its first task on), and the attempts are written by one INSERT at the end in the
-- order decided, so the statement triggers on queue_tasks run once per admission, not per attempt.
CREATE FUNCTION admit_queue_tasks(p_queue_id INTEGER, p_max INTEGER DEFAULT NULL)
    RETURNS INTEGER
    LANGUAGE plpgsql
AS $$
DECLARE
    room       INTEGER;
    admitted   INTEGER := 0;
    take       INTEGER;
    share      RECORD;
    item       RECORD;
    picked     UUID[];
    last_seq   INTEGER;
    passed     INTEGER[] := '{}';
    task_ids   UUID[] := '{}';
    sub_ids    UUID[] := '{}';
    priorities SMALLINT[] := '{}';
BEGIN
    -- Most claims find no backlog: they pay one index probe.
    IF NOT EXISTS (SELECT 1 FROM queue_shares s WHERE s.queue_id = p_queue_id AND s.waiting > 0) THEN
        RETURN 0;
    END IF;
    IF NOT pg_try_advisory_xact_lock(hashtext('imagegen.admit_queue_tasks'), p_queue_id) THEN
        RETURN 0;
    END IF;
    room := least(admission_room(p_queue_id, clock_timestamp()), coalesce(p_max, 2147483647));

    WHILE admitted < room LOOP
        SELECT s.user_id, s.pass, u.share_weight INTO share
          FROM queue_shares s JOIN users u ON u.id = s.user_id
         WHERE s.queue_id = p_queue_id AND s.waiting > 0 AND NOT s.user_id = ANY (passed)
         ORDER BY s.pass, s.served NULLS FIRST, s.user_id
         LIMIT 1;
        EXIT WHEN NOT FOUND;

        SELECT b.* INTO item
          FROM queue_backlog b
         WHERE b.queue_id = p_queue_id AND b.user_id = share.user_id
         ORDER BY b.priority DESC, b.created_at, b.task_id
         LIMIT 1
           FOR UPDATE SKIP LOCKED;
        IF NOT FOUND THEN
            -- The user's tasks are being cancelled (a cancel locks the task's backlog row first):
            -- this admission passes the user over instead of waiting for it.
            passed := passed || share.user_id;
            CONTINUE;
        END IF;

        take := CASE WHEN EXISTS (SELECT 1 FROM queue_shares o
                                   WHERE o.queue_id = p_queue_id AND o.waiting > 0 AND o.user_id <> share.user_id
                                     AND NOT o.user_id = ANY (passed))
                     THEN 1 ELSE room - admitted END;

        -- The next subtasks in expansion order that still wait (one cancelled meanwhile is skipped).
        SELECT coalesce(array_agg(x.id ORDER BY x.seq), '{}'), max(x.seq) INTO picked, last_seq
          FROM (SELECT s.id, s.seq
                  FROM subtasks s
                 WHERE s.task_id = item.task_id AND s.seq >= item.next_seq AND s.seq IS NOT NULL
                   AND s.status = 'pending'
                 ORDER BY s.seq
                 LIMIT take) AS x;

        task_ids := task_ids || array_fill(item.task_id, ARRAY[cardinality(picked)]);
        sub_ids := sub_ids || picked;
        priorities := priorities || array_fill(item.priority, ARRAY[cardinality(picked)]);
        admitted := admitted + cardinality(picked);

        IF cardinality(picked) < take OR last_seq + 1 >= item.total THEN
            DELETE FROM queue_backlog WHERE task_id = item.task_id;
            UPDATE queue_shares SET waiting = waiting - 1 WHERE queue_id = p_queue_id AND user_id = share.user_id;
        ELSE
            UPDATE queue_backlog SET next_seq = last_seq + 1 WHERE task_id = item.task_id;
        END IF;

        IF cardinality(picked) > 0 THEN
            UPDATE queue_shares SET pass = share.pass + cardinality(picked) / share.share_weight,
                                    served = clock_timestamp()
             WHERE queue_id = p_queue_id AND user_id = share.user_id;
        END IF;
    END LOOP;

    IF admitted > 0 THEN
        -- Ids (the outbox's order, and Kafka's) follow the order decided above.
        INSERT INTO queue_tasks (queue_id, task_id, subtask_id, priority)
        SELECT p_queue_id, a.task_id, a.subtask_id, a.priority
          FROM unnest(task_ids, sub_ids, priorities) WITH ORDINALITY AS a (task_id, subtask_id, priority, ord)
         ORDER BY a.ord;
    END IF;
    RETURN admitted;
END
$$;

-- Puts a task's subtasks (written with seq) into its queue's backlog and admits what there is room
-- for, in the same transaction.
CREATE FUNCTION enqueue_task_backlog(p_task_id UUID)
    RETURNS INTEGER
    LANGUAGE plpgsql
AS $$
DECLARE
    t   RECORD;
    low DOUBLE PRECISION;
BEGIN
    SELECT id, queue_id, user_id, priority, created_at, total_images INTO t FROM tasks WHERE id = p_task_id;
    IF NOT FOUND OR t.queue_id IS NULL OR t.total_images = 0 THEN
        RETURN 0;
    END IF;
    INSERT INTO queue_backlog (task_id, queue_id, user_id, priority, created_at, total)
    VALUES (t.id, t.queue_id, t.user_id, t.priority, t.created_at, t.total_images);

    -- Neither idle time nor past use carries over: a user with nothing waiting enters at the lowest
    -- pass among the users who wait (and, served longest ago, goes first among equals), and keeps its
    -- pass while its work waits.
    SELECT min(w.pass) INTO low FROM queue_shares w WHERE w.queue_id = t.queue_id AND w.waiting > 0;
    INSERT INTO queue_shares AS s (queue_id, user_id, pass, waiting)
    VALUES (t.queue_id, t.user_id, coalesce(low, 0), 1)
    ON CONFLICT (queue_id, user_id) DO UPDATE
       SET waiting = s.waiting + 1,
           pass = CASE WHEN s.waiting > 0 THEN s.pass ELSE coalesce(low, s.pass) END;

    RETURN admit_queue_tasks(t.queue_id);
END
$$;

-- Completions clock admission: a statement that claims or cancels pending attempts of a queue, or
-- ends running ones (freeing their slots), refills its window.
CREATE FUNCTION admit_after_claims()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
DECLARE
    q INTEGER;
BEGIN
    FOR q IN
        SELECT DISTINCT n.queue_id
          FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE o.status IN ('pending', 'processing') AND n.status <> o.status
         ORDER BY 1
    LOOP
        PERFORM admit_queue_tasks(q);
    END LOOP;
    RETURN NULL;
END
$$;

-- Same-event triggers fire in name order: this one is named to come after the counters
-- (queue_tasks_count_*: the slots, V016, and the statuses, V131), so the window reads this
-- statement's claims.
CREATE TRIGGER queue_tasks_refill_after_claims
    AFTER UPDATE ON queue_tasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION admit_after_claims();

-- Takes a task out of its queue's backlog: nothing more of it is admitted. A cancel calls it
-- first, so that an admission running at the same time waits for the cancel to commit instead of
-- admitting the task's next subtask; the trigger below covers every other way a task ends.
CREATE FUNCTION drop_task_backlog(p_task_id UUID)
    RETURNS BOOLEAN
    LANGUAGE sql
AS $$
    WITH gone AS (
        DELETE FROM queue_backlog b WHERE b.task_id = p_task_id RETURNING b.queue_id, b.user_id
    ), counted AS (
        UPDATE queue_shares s SET waiting = s.waiting - 1
          FROM gone g
         WHERE s.queue_id = g.queue_id AND s.user_id = g.user_id
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM counted)
$$;

CREATE FUNCTION drop_finished_backlog()
    RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM drop_task_backlog(NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER tasks_drop_finished_backlog
    AFTER UPDATE OF status, is_deleted ON tasks
    FOR EACH ROW
    WHEN (NEW.status IN ('cancelled', 'completed', 'failed') AND OLD.status IS DISTINCT FROM NEW.status
          OR NEW.is_deleted AND NOT OLD.is_deleted)
    EXECUTE FUNCTION drop_finished_backlog();

-- Every queue with room and a backlog, for the dispatcher's leader (rates, idle queues, a raised
-- limit, a resumed queue): answers how many each admitted.
CREATE FUNCTION admit_all_queues()
    RETURNS TABLE (queue_id INTEGER, admitted INTEGER)
    LANGUAGE sql
AS $$
    SELECT q.id, admit_queue_tasks(q.id)
      FROM task_queues q
     WHERE q.is_active AND EXISTS (SELECT 1 FROM queue_shares s WHERE s.queue_id = q.id AND s.waiting > 0)
     ORDER BY q.id
$$;
