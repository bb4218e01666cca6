/** Durable Debezium source offsets in PostgreSQL, beside the data and the replication slot. */
package dev.imagegen.dispatcher.offset;
