/** Pausing a queue whose backend refuses every call, with a system log saying why. */
package dev.imagegen.worker.pause;
