package dev.imagegen.bench;

/** One row of the table; null or NaN where a column does not apply. */
record Row(
        String run,
        String setup,
        long subtasks,
        double wallSeconds,
        double perSecond,
        double[] latencyMs,
        double[] handoffMs,
        double utilization) {

    static Row throughput(String run, String setup, long subtasks, double wallSeconds) {
        return new Row(run, setup, subtasks, wallSeconds, subtasks / wallSeconds, null, null, Double.NaN);
    }

    Row withLatency(double[] latency) {
        return new Row(run, setup, subtasks, wallSeconds, perSecond, latency, handoffMs, utilization);
    }

    double latency(double p) {
        return latencyMs == null ? Double.NaN : Stats.percentile(latencyMs, p);
    }

    double handoff(double p) {
        return handoffMs == null ? Double.NaN : Stats.percentile(handoffMs, p);
    }
}
