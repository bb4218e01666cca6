/** Live task progress for the web page, as server-sent events. */
package dev.imagegen.api.progress;
