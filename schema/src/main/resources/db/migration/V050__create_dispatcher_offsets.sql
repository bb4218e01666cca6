-- Debezium source offsets of the dispatcher, beside the data they describe, so that whichever
-- dispatcher instance holds the leader lock resumes where the last one stopped. Keys and values
-- are the serialized offset entries the Kafka Connect offset store hands over.
CREATE TABLE dispatcher_offsets (
    store_name   VARCHAR(100) NOT NULL,
    offset_key   BYTEA        NOT NULL,
    offset_value BYTEA,
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (store_name, offset_key)
);
