/** User administration for admins. */
package dev.imagegen.api.user;
