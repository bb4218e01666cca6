-- What each backend endpoint (the task's make_api_queue: NULL is 'default', 'ops', 'dev') can do.
-- Workers write their endpoint's row when they start; the API reads it to refuse parameters the
-- task's endpoint cannot send. Workers that disagree: the last one to start wins.
CREATE TABLE backend_endpoints (
    name                 VARCHAR(10)  PRIMARY KEY,
    backend_type         VARCHAR(20)  NOT NULL,
    model                VARCHAR(255),
    supported_parameters JSONB        NOT NULL DEFAULT '[]'::jsonb,
    registered_by        VARCHAR(255),
    updated_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT check_backend_endpoint_name CHECK (name IN ('default', 'ops', 'dev')),
    CONSTRAINT check_supported_parameters_array CHECK (jsonb_typeof(supported_parameters) = 'array')
);
