/**
 * RFC 9457 problem responses: every refusal is application/problem+json listing each bad field; request bodies bind
 * strictly into their records (unknown fields, wrong JSON types and unstorable text are refused at their path).
 */
package dev.imagegen.api.problem;
