/** The dispatcher: turns queue_tasks inserts into Kafka events through the Debezium embedded engine. */
package dev.imagegen.dispatcher;
