//! # cordon-bench
//!
//! Benchmark workloads for cordon:
//!
//! * [`synth`]: a deterministic generator of realistic synthetic list
//!   entries ([`synth::synthetic_corpus`]) and queries against them
//!   ([`synth::synthetic_queries`]);
//! * [`queries`]: the fixed query set derived from a loaded list
//!   ([`queries::fixed_query_set`]), percentiles and RSS helpers;
//! * [`workload`]: the whole-program workload runner behind `cordon bench`.
//!
//! All randomness comes from the crate's own splitmix64 ([`rng`]), so every
//! corpus and query set is identical on every machine.

pub mod eval;
pub mod names;
pub mod queries;
pub mod rng;
pub mod synth;
pub mod translit;
pub mod workload;

pub use queries::{
    current_rss_bytes, fixed_query_set, peak_rss_bytes, percentile, BenchQuery, Category,
};
pub use synth::{synthetic_corpus, synthetic_queries};
pub use workload::{run_workload, WorkloadOptions, WorkloadReport};
