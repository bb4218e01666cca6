/** The fenced claim protocol: claim, renew, complete and fail attempts through the SQL functions. */
package dev.imagegen.worker.claim;
