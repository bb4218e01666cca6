/** The Debezium embedded engine: its configuration, and its start and stop. */
package dev.imagegen.dispatcher.engine;
