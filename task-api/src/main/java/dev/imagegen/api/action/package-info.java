/** Acting on tasks: rating, cancel, retry and soft delete, each in one transaction with its log row. */
package dev.imagegen.api.action;
