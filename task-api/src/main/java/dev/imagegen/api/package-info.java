/** The task API: REST submission and reading of tasks, the web page, users and queues. */
package dev.imagegen.api;
