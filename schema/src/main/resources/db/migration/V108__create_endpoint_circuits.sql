-- Each worker's backend endpoint circuits (see the worker's CircuitBreaker), written when a circuit
-- opens or closes, so the queues page can show an endpoint that stopped answering. A worker
-- rewrites its open rows well before expires_at and deletes its rows when it stops; a row whose
-- worker died without stopping is ignored once expires_at has passed (open_endpoint_circuits).
CREATE TABLE endpoint_circuits (
    worker_id    TEXT        NOT NULL,
    endpoint     TEXT        NOT NULL,  -- the endpoint's name: the make_api_queue it serves ('default' for NULL)
    backend_type TEXT        NOT NULL,
    state        TEXT        NOT NULL,
    since        TIMESTAMPTZ NOT NULL,  -- when the circuit took this state
    last_error   TEXT,                  -- the failure that opened it
    queues       TEXT[]      NOT NULL DEFAULT '{}',  -- queues whose work this worker sent to the endpoint
    expires_at   TIMESTAMPTZ NOT NULL,  -- not true any more unless rewritten by then
    PRIMARY KEY (worker_id, endpoint),
    CONSTRAINT check_endpoint_circuit_state CHECK (state IN ('open', 'closed'))
);

-- The circuits open now, on workers that still vouch for them.
CREATE VIEW open_endpoint_circuits AS
SELECT worker_id, endpoint, backend_type, since, last_error, queues
  FROM endpoint_circuits
 WHERE state = 'open' AND expires_at > now();
