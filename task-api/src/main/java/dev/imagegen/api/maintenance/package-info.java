/** Scheduled database housekeeping: log partitions ahead and behind, audit cleanup, dashboard refresh. */
package dev.imagegen.api.maintenance;
