-- What the dispatcher's replication slot decodes: inserts into queue_tasks only. Updates (claims,
-- lease renewals, completions) and deletes never leave the server. Lifecycle events do not need a
-- table here: they travel as transactional logical decoding messages (see V052, V053), which
-- pgoutput sends to every subscriber that asks for messages, whatever its publication.
-- Created here rather than by Debezium so that the definition is reviewed and versioned; if a
-- partitioned table is ever added, create it WITH (publish_via_partition_root = true).
CREATE PUBLICATION imagegen_dispatch FOR TABLE queue_tasks WITH (publish = 'insert');
