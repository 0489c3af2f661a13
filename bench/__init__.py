"""`make bench`: load and micro benchmarks, every figure reported as a ratio measured in the same
run. See docs/performance.md."""
