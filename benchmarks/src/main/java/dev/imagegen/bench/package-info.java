/**
 * {@code ./imagegen bench}: the whole system (REST, Debezium, Kafka, generator workers) measured
 * side by side with db-scheduler and with the pgbench limit of the claim and complete SQL on the
 * same PostgreSQL, printed as one markdown table.
 */
package dev.imagegen.bench;
