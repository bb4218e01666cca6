/** A task's images taken away: all, or a selection, as one zip with a manifest, streamed in constant memory. */
package dev.imagegen.api.download;
