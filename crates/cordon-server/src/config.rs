//! [`ServerConfig`]: limits and switches of `cordon serve`.

use std::time::Duration;

/// Limits and switches. [`ServerConfig::default`] holds the documented
/// defaults of `cordon serve`.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Largest request body accepted, in bytes. A request that declares a
    /// larger `Content-Length` is answered 413 before its body is read.
    pub max_body_bytes: usize,
    /// Most queries in one `/match` request (yente's default is 100 too).
    pub max_batch: usize,
    /// Most results a request may ask for with `limit`.
    pub max_limit: usize,
    /// The server's work on a request (after its body has arrived) that
    /// takes longer is answered `503 timeout`, and its matching job stops
    /// at the next query.
    pub timeout: Duration,
    /// Log screened names and identifiers (off by default: logs are read
    /// by more people than the audit trail).
    pub log_queries: bool,
    /// Most connections open at once; further clients wait in the
    /// listen queue until one closes.
    pub max_connections: usize,
    /// A request's headers must arrive within this time, counted from the
    /// connection's start or from the first byte of a later request on a
    /// kept-alive connection; else the connection is closed.
    pub header_timeout: Duration,
    /// A kept-alive connection on which nothing moves (no request in
    /// progress, no byte read or written) for this long is closed.
    pub idle_timeout: Duration,
    /// A request body must arrive whole within this time after its
    /// headers; else `408 body_timeout` and the connection is closed.
    pub body_timeout: Duration,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            max_body_bytes: 2 * 1024 * 1024,
            max_batch: 100,
            max_limit: 100,
            timeout: Duration::from_secs(10),
            log_queries: false,
            max_connections: 256,
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            body_timeout: Duration::from_secs(10),
        }
    }
}
