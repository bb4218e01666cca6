/** Image backends behind one interface: the built-in renderer and HTTP adapters (AUTOMATIC1111, OpenAI). */
package dev.imagegen.worker.backend;
