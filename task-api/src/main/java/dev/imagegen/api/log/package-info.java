/**
 * Task logs (what people did to a task); system logs of failed requests; who made a change that a
 * database trigger logs.
 */
package dev.imagegen.api.log;
