/** Generated images, served to the people who may see their task. */
package dev.imagegen.api.image;
