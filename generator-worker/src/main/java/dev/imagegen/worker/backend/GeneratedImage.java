package dev.imagegen.worker.backend;

/** One PNG a backend returned, with its size and seed. */
public record GeneratedImage(byte[] png, int width, int height, long seed) {}
