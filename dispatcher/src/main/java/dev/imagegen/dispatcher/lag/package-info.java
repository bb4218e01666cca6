/**
 * How far behind the system is, as gauges: each queue's pending attempts and the age of its oldest,
 * and the replication slot's lag behind the server's WAL, in bytes and seconds.
 */
package dev.imagegen.dispatcher.lag;
