/**
 * The OpenAPI document: schemas named as the answers are (snake_case), and every operation's error answers described
 * once, as problem+json.
 */
package dev.imagegen.api.openapi;
