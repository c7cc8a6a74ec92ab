//! Connections: accepting under a cap, and closing the ones that hold the
//! server up without asking anything of it.
//!
//! `axum::serve` accepts without limit and keeps a connection as long as
//! the client does: idle sockets and a header sent a byte a second were
//! held forever, until the process ran out of file descriptors. Here:
//!
//! - at most [`ServerConfig::max_connections`] are open; the accept loop
//!   waits for one to close before taking the next, so further clients
//!   queue in the kernel's listen backlog instead of costing descriptors;
//! - each connection has a phase, kept by [`Clock`]: *head* (waiting for
//!   a request's headers: from the accept, or from the first byte of a
//!   later request), *busy* (a request is being served; the body deadline
//!   and the request timeout bound it, see `lib.rs`) and *idle* (between
//!   requests: nothing in progress). A connection in *head* longer than
//!   [`ServerConfig::header_timeout`], or *idle* with no byte moving for
//!   [`ServerConfig::idle_timeout`], is closed. A response the client does
//!   not read counts as idle once its writes stall.
//!
//! hyper serves HTTP/1.1 on each connection (as `axum::serve` does with
//! axum's default features); the phase is read from the bytes that pass
//! through the socket and from the requests handed to the router.

use crate::config::ServerConfig;
use crate::metrics::Metrics;
use crate::AppState;
use axum::body::Body;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify, OwnedSemaphorePermit, Semaphore};
use tower::ServiceExt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Head,
    Busy,
    Idle,
}

#[derive(Debug)]
struct PhaseState {
    phase: Phase,
    since: Instant,
    in_flight: usize,
}

/// The phase of one connection and when it began.
#[derive(Debug)]
struct Clock {
    state: Mutex<PhaseState>,
    /// Woken when a deadline may have moved earlier.
    changed: Notify,
}

impl Clock {
    fn new() -> Clock {
        Clock {
            state: Mutex::new(PhaseState {
                phase: Phase::Head,
                since: Instant::now(),
                in_flight: 0,
            }),
            changed: Notify::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, PhaseState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// `n` bytes were read: the first byte after idling starts a request
    /// head, whose own deadline starts now.
    fn read(&self, n: usize) {
        if n == 0 {
            return;
        }
        let mut s = self.lock();
        if s.phase == Phase::Idle {
            s.phase = Phase::Head;
            s.since = Instant::now();
            drop(s);
            self.changed.notify_one();
        }
    }

    /// `n` bytes were written: an idle connection still moving a response
    /// out is not idle yet.
    fn wrote(&self, n: usize) {
        if n == 0 {
            return;
        }
        let mut s = self.lock();
        if s.phase == Phase::Idle {
            s.since = Instant::now();
        }
    }

    /// A request reached the router; the connection is busy until the
    /// returned guard drops.
    fn begin(self: &Arc<Clock>) -> Busy {
        let mut s = self.lock();
        s.in_flight += 1;
        s.phase = Phase::Busy;
        Busy(self.clone())
    }

    fn end(&self) {
        let mut s = self.lock();
        s.in_flight = s.in_flight.saturating_sub(1);
        if s.in_flight == 0 {
            s.phase = Phase::Idle;
            s.since = Instant::now();
            drop(s);
            self.changed.notify_one();
        }
    }

    /// When the connection expires and why; `None` while busy.
    fn deadline(&self, cfg: &ServerConfig) -> Option<(Instant, &'static str)> {
        let s = self.lock();
        match s.phase {
            Phase::Head => Some((s.since + cfg.header_timeout, "header_timeout")),
            Phase::Idle => Some((s.since + cfg.idle_timeout, "idle_timeout")),
            Phase::Busy => None,
        }
    }
}

/// A request in progress on a connection.
struct Busy(Arc<Clock>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.end();
    }
}

/// The socket, telling the [`Clock`] about the bytes that pass.
struct Watched {
    io: TcpStream,
    clock: Arc<Clock>,
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let r = Pin::new(&mut this.io).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = r {
            this.clock.read(buf.filled().len() - before);
        }
        r
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.io).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = r {
            this.clock.wrote(n);
        }
        r
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.io).poll_write_vectored(cx, bufs);
        if let Poll::Ready(Ok(n)) = r {
            this.clock.wrote(n);
        }
        r
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }
}

/// The accept loop: see the module documentation.
pub(crate) async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let cfg = Arc::new(state.config().clone());
    let router = crate::app(state.clone());
    let permits = Arc::new(Semaphore::new(cfg.max_connections.max(1)));
    // Dropping `signal_rx` tells the loop and every connection to stop;
    // each connection holds a `close_rx` the loop waits on at the end.
    let (signal_tx, signal_rx) = watch::channel(());
    tokio::spawn(async move {
        shutdown.await;
        drop(signal_rx);
    });
    let (close_tx, close_rx) = watch::channel(());
    loop {
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            _ = signal_tx.closed() => break,
        };
        let tcp = tokio::select! {
            r = listener.accept() => match r {
                Ok((tcp, _)) => tcp,
                Err(e) => {
                    accept_error(e).await;
                    continue;
                }
            },
            _ = signal_tx.closed() => break,
        };
        // Answers are small and written at once: send them without delay.
        let _ = tcp.set_nodelay(true);
        tokio::spawn(connection(
            tcp,
            router.clone(),
            cfg.clone(),
            state.clone(),
            signal_tx.clone(),
            close_rx.clone(),
            permit,
        ));
    }
    drop(close_rx);
    drop(listener);
    tracing::info!(
        connections = close_tx.receiver_count(),
        "waiting for open connections to finish"
    );
    close_tx.closed().await;
    Ok(())
}

/// Errors of `accept`: a client that gave up is nothing; anything else
/// (out of file descriptors) is logged and waited out, not spun on.
async fn accept_error(e: std::io::Error) {
    use std::io::ErrorKind as K;
    if matches!(
        e.kind(),
        K::ConnectionRefused | K::ConnectionAborted | K::ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %e, "accepting a connection failed; retrying in 1 s");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

fn metrics(state: &AppState) -> &Metrics {
    &state.inner.metrics
}

async fn connection(
    tcp: TcpStream,
    router: Router,
    cfg: Arc<ServerConfig>,
    state: AppState,
    signal_tx: watch::Sender<()>,
    close_rx: watch::Receiver<()>,
    permit: OwnedSemaphorePermit,
) {
    metrics(&state).connections_open.inc();
    let clock = Arc::new(Clock::new());
    let io = TokioIo::new(Watched {
        io: tcp,
        clock: clock.clone(),
    });
    let service_clock = clock.clone();
    let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
        let busy = service_clock.begin();
        let router = router.clone();
        async move {
            let response = router.oneshot(req.map(Body::new)).await;
            drop(busy);
            response
        }
    });
    serve_until_done(io, service, &clock, &cfg, metrics(&state), signal_tx).await;
    metrics(&state).connections_open.dec();
    drop(permit);
    drop(close_rx);
}

/// Serves one connection until it ends, or until it expires (counted
/// before the socket is closed, which happens when this returns).
async fn serve_until_done<S>(
    io: TokioIo<Watched>,
    service: S,
    clock: &Clock,
    cfg: &ServerConfig,
    metrics: &Metrics,
    signal_tx: watch::Sender<()>,
) where
    S: hyper::service::Service<hyper::Request<Incoming>, Response = axum::response::Response>,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let mut conn = pin!(hyper::server::conn::http1::Builder::new().serve_connection(io, service));
    let mut signal = pin!(signal_tx.closed());
    let mut shutting_down = false;
    loop {
        let deadline = clock.deadline(cfg);
        let expiry = async {
            match deadline {
                Some((at, _)) => tokio::time::sleep_until(at.into()).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            r = conn.as_mut() => {
                if let Err(e) = r {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
                return;
            }
            _ = &mut signal, if !shutting_down => {
                shutting_down = true;
                conn.as_mut().graceful_shutdown();
            }
            _ = clock.changed.notified() => {}
            _ = expiry => {
                if let Some((at, reason)) = clock.deadline(cfg) {
                    if Instant::now() >= at {
                        metrics.connections_closed.with_label_values(&[reason]).inc();
                        tracing::debug!(reason, "closing a connection");
                        return;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_moves_through_head_busy_idle_and_head_again() {
        let cfg = ServerConfig {
            header_timeout: Duration::from_secs(1),
            idle_timeout: Duration::from_secs(100),
            ..ServerConfig::default()
        };
        let clock = Arc::new(Clock::new());
        let (_, why) = clock.deadline(&cfg).unwrap();
        assert_eq!(why, "header_timeout", "a new connection waits for headers");
        clock.read(10);
        assert_eq!(clock.deadline(&cfg).unwrap().1, "header_timeout");
        let busy = clock.begin();
        assert!(clock.deadline(&cfg).is_none(), "no deadline while serving");
        clock.read(5);
        assert!(clock.deadline(&cfg).is_none(), "body bytes keep it busy");
        drop(busy);
        let (idle_until, why) = clock.deadline(&cfg).unwrap();
        assert_eq!(why, "idle_timeout");
        clock.wrote(0);
        clock.read(0);
        assert_eq!(clock.deadline(&cfg).unwrap(), (idle_until, "idle_timeout"));
        clock.read(1);
        let (head_until, why) = clock.deadline(&cfg).unwrap();
        assert_eq!(why, "header_timeout", "a byte after idling starts a head");
        assert!(head_until < idle_until);
    }
}
