/** How an image was made, written into its PNG as text chunks that common tools read. */
package dev.imagegen.worker.provenance;
