/** The REST contract seen by another team: a client generated from docs/openapi.json, and answers checked against it. */
package dev.imagegen.apiclient;
