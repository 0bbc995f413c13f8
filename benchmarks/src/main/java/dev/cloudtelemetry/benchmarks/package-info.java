/**
 * JMH benchmarks of the telemetry starter: the caller-side cost of a traced call and the writer
 * thread's throughput.
 */
package dev.cloudtelemetry.benchmarks;
