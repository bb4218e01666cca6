/** Sign-in against the users table (HTTP Basic and a login form) and the role rules of every endpoint. */
package dev.imagegen.api.security;
