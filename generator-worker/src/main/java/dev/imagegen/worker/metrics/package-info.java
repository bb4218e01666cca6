/** The worker's Micrometer metrics: claims, work in flight, lease expiries, generation time, slot hand-off. */
package dev.imagegen.worker.metrics;
