/** The services' own rows in system_logs: start and stop, a connection pool near its limit, and the writer they share. */
package dev.imagegen.systemlog;
