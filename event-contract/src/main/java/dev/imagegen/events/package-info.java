/** The Kafka event contract: topic names, CloudEvents headers and the versioned event records. */
package dev.imagegen.events;
