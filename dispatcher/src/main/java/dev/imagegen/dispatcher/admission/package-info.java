/** The leader's share of admission: rates, idle queues and live changes (V160). */
package dev.imagegen.dispatcher.admission;
