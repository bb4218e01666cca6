/** One active dispatcher: a PostgreSQL advisory lock held on a dedicated connection elects it. */
package dev.imagegen.dispatcher.leader;
