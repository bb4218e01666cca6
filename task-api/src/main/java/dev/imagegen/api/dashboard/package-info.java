/** The dashboard: daily results per queue from {@code dashboard_daily_stats}, live load per queue, and the charts' library. */
package dev.imagegen.api.dashboard;
