//! [`ServerConfig`]: limits and switches of `cordon serve`.

use std::time::Duration;

/// Limits and switches. [`ServerConfig::default`] holds the documented
/// defaults of `cordon serve`.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Most queries in one `/match` request (yente's default is 100 too).
    pub max_batch: usize,
    /// Most results a request may ask for with `limit`.
    pub max_limit: usize,
    /// A request that takes longer is answered `503 timeout`.
    pub timeout: Duration,
    /// Log screened names and identifiers (off by default: logs are read
    /// by more people than the audit trail).
    pub log_queries: bool,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            max_body_bytes: 2 * 1024 * 1024,
            max_batch: 100,
            max_limit: 100,
            timeout: Duration::from_secs(10),
            log_queries: false,
        }
    }
}
