/** Administration: the system log and the consistency checks and repairs. */
package dev.imagegen.api.admin;
