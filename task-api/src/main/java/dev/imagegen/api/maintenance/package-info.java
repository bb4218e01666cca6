/** Scheduled database housekeeping: log partitions ahead and behind, audit cleanup, dashboard refresh, attempts' retention. */
package dev.imagegen.api.maintenance;
