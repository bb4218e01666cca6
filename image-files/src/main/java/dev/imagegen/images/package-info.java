/** Generated images on disk: their thumbnails, made where an image is stored and where it is served. */
package dev.imagegen.images;
