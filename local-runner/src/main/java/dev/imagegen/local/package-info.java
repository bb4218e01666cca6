/** {@code ./imagegen local}: the whole system on one machine, with its data kept in {@code .local/}. */
package dev.imagegen.local;
