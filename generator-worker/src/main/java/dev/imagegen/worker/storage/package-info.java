/** Where generated images are kept: a storage interface, the file system by default. */
package dev.imagegen.worker.storage;
