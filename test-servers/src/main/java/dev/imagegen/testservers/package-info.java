/** Real PostgreSQL and Kafka servers for tests, started once per test JVM and shared by every test. */
package dev.imagegen.testservers;
