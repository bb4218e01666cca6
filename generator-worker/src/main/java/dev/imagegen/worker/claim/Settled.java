package dev.imagegen.worker.claim;

import java.util.Map;

/** The answers of one settle transaction: each completion's outcome and each claim's outcome, by attempt id. */
public record Settled(Map<Long, CompleteOutcome> completions, Map<Long, ClaimOutcome> claims) {}
