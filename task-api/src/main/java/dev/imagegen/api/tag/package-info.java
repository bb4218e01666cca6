/** The tag library: tags people pick from, with translations, header images and usage counts. */
package dev.imagegen.api.tag;
