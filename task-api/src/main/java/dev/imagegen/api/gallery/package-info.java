/** The gallery: every completed result is an artwork; browse, search and like what you may see. */
package dev.imagegen.api.gallery;
