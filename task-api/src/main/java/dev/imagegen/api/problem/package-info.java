/** RFC 9457 problem responses: every refusal is application/problem+json listing each bad field. */
package dev.imagegen.api.problem;
