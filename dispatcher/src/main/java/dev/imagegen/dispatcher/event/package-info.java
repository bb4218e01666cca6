/** Turns Debezium change events into contract records on Kafka, acknowledged before offsets move. */
package dev.imagegen.dispatcher.event;
