/** Task logs (what people did to a task) and system logs (the service's own life). */
package dev.imagegen.api.log;
