/** The web page's own files: index.html, and its modules and stylesheet under a path that names their version. */
package dev.imagegen.api.webpage;
