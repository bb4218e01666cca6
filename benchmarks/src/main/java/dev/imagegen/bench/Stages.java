package dev.imagegen.bench;

/** Submit -> claim of one paced run, split into its stages (ms, sorted). */
record Stages(String run, double[] apiToResponse, double[] responseToKafka, double[] kafkaToClaim, int missing) {}
