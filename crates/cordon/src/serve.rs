//! `cordon serve`: the HTTP API and web page (`cordon-server`), wired to the
//! lists the user chose, API keys, the audit trail and reload triggers
//! (SIGHUP, `POST /admin/reload`, and a watch on a `cordon update` data
//! folder). `cordon api-key NAME` makes a key for it.

use crate::audit::{target as audit_target, AuditArgs};
use crate::load::{data_dir, snapshot};
use crate::ListArgs;
use anyhow::{bail, Context, Result};
use clap::Args;
use cordon_audit::{AuditLog, AuditOptions};
use cordon_server::{ApiKeys, AppState, AuditSink, Role, ServerConfig};
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8000", value_name = "ADDR:PORT")]
    pub listen: SocketAddr,
    /// File of API keys, one `NAME sha256:HEX [ROLE ...]` per line
    /// (`cordon api-key NAME [--role ROLE]` makes one; roles: screening,
    /// reviewer, admin; none means screening). With keys, every route
    /// except `/`, `/assets/*`, `/healthz`, `/readyz`, `/metrics` and
    /// `/openapi.json` needs a valid key with the route's role:
    /// `POST /admin/reload` and `POST /monitor/run` need `admin`; the
    /// alerts and `GET /customers/{id}` need `reviewer` (the key's name is
    /// recorded as the reviewer of a decision; without keys, decisions are
    /// refused); the others `screening`.
    /// `CORDON_API_KEYS` may hold the same lines (comma-separated).
    #[arg(long, env = "CORDON_API_KEYS_FILE", value_name = "FILE")]
    pub api_keys: Option<PathBuf>,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = ServerConfig::default().max_body_bytes)]
    pub max_body: usize,
    /// Most queries in one `/match` request.
    #[arg(long, default_value_t = ServerConfig::default().max_batch)]
    pub max_batch: usize,
    /// Most results one request may ask for.
    #[arg(long, default_value_t = ServerConfig::default().max_limit)]
    pub max_limit: usize,
    /// Requests whose work (after the body has arrived) takes longer are
    /// answered 503 `timeout` and their matching stops, in milliseconds.
    #[arg(long, default_value_t = ms(ServerConfig::default().timeout), value_name = "MS")]
    pub timeout_ms: u64,
    /// Most connections open at once; further clients wait in the listen
    /// queue until one closes.
    #[arg(long, default_value_t = ServerConfig::default().max_connections, value_name = "N")]
    pub max_connections: usize,
    /// A request's headers must arrive within this time (from the
    /// connection's start, or from the first byte of a later request on
    /// the same connection), else the connection is closed; milliseconds.
    #[arg(long, default_value_t = ms(ServerConfig::default().header_timeout), value_name = "MS")]
    pub header_timeout_ms: u64,
    /// A kept-alive connection with no request in progress and no byte
    /// moving for this long is closed; milliseconds.
    #[arg(long, default_value_t = ms(ServerConfig::default().idle_timeout), value_name = "MS")]
    pub idle_timeout_ms: u64,
    /// A request body must arrive whole within this time after its
    /// headers, else 408 `body_timeout`; milliseconds.
    #[arg(long, default_value_t = ms(ServerConfig::default().body_timeout), value_name = "MS")]
    pub body_timeout_ms: u64,
    /// Log screened names at debug level (RUST_LOG=debug). Off by default:
    /// queries belong in the audit trail, not in logs.
    #[arg(long)]
    pub log_queries: bool,
    /// When the data folder is kept by `cordon update`, check every this
    /// many seconds for a new current snapshot and swap it in (0: only on
    /// SIGHUP or POST /admin/reload).
    #[arg(long, default_value_t = 30, value_name = "SECS")]
    pub watch_interval: u64,
    /// A reload (SIGHUP, POST /admin/reload, a new `cordon update`
    /// snapshot) that loses a list, or more than this share of a list's
    /// entities, against the snapshot in service is refused: the server
    /// keeps serving the old one and counts a failed reload. Same rule as
    /// `cordon update --max-drop`; restart the server to drop a list on
    /// purpose.
    #[arg(long, default_value_t = cordon_store::DEFAULT_MAX_DROP, value_name = "SHARE")]
    pub max_drop: f64,
    /// Worker threads for the async runtime (parsing, routing); matching
    /// runs on a pool with one thread per core.
    #[arg(long, default_value_t = 2)]
    pub io_threads: usize,
    /// Ongoing monitoring: open the monitoring database (--monitor-db, as
    /// `cordon monitor`), serve the customer register and the alerts
    /// (`POST /customers`, `GET /customers/{id}`, `POST /monitor/run`,
    /// `GET /alerts`, `GET /alerts/{id}`, `POST /alerts/{id}/decisions`)
    /// and the review page, and run a monitoring run after every
    /// successful reload, and at start when the register has not been
    /// screened against the lists in service. A failed run is logged and
    /// shown in /readyz and /metrics; the server keeps serving.
    #[arg(long)]
    pub monitor: bool,
    /// Score at which a monitoring run raises an alert (as `cordon
    /// monitor run --threshold`: a change makes the next run full).
    #[arg(long, default_value_t = cordon_engine::DEFAULT_THRESHOLD, value_name = "T", requires = "monitor")]
    pub monitor_threshold: f64,
}

fn ms(d: Duration) -> u64 {
    d.as_millis() as u64
}

fn role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| format!("unknown role {s:?} (roles: {})", Role::names()))
}

#[derive(Debug, Args)]
pub struct ApiKeyArgs {
    /// The key's name: what the audit trail records as the caller.
    pub name: String,
    /// A role of the key (repeat for several): `screening` (the screening
    /// and look-up routes, `POST /customers`), `admin` (`POST
    /// /admin/reload`, `POST /monitor/run`), `reviewer` (the alerts and
    /// their decisions, `GET /customers/{id}`). Default: screening.
    #[arg(long = "role", value_name = "ROLE", value_parser = role)]
    pub roles: Vec<Role>,
    /// Hash this key (read from standard input) instead of making a new
    /// one.
    #[arg(long)]
    pub stdin: bool,
}

/// `cordon api-key NAME`: a new random key, and the line for the key file.
pub fn api_key(a: ApiKeyArgs) -> Result<ExitCode> {
    if a.name.trim().is_empty() || a.name.chars().any(char::is_whitespace) {
        bail!("the key name must be one word, got {:?}", a.name);
    }
    let key = if a.stdin {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("reading the key from standard input")?;
        let s = s.trim().to_string();
        if s.len() < 16 {
            bail!("a key must have at least 16 characters");
        }
        s
    } else {
        let mut bytes = [0u8; 24];
        std::fs::File::open("/dev/urandom")
            .and_then(|mut f| f.read_exact(&mut bytes))
            .context("reading random bytes from /dev/urandom")?;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        format!("cordon_{hex}")
    };
    if !a.stdin {
        eprintln!("key (give it to the caller; it is not stored anywhere):");
        eprintln!("{key}");
        eprintln!("line for the key file (--api-keys FILE):");
    }
    println!("{}", cordon_server::key_line(&a.name, &key, &a.roles));
    Ok(ExitCode::SUCCESS)
}

fn keys(a: &ServeArgs) -> Result<Option<ApiKeys>> {
    let mut text = String::new();
    let mut sources = Vec::new();
    if let Some(path) = &a.api_keys {
        text.push_str(
            &std::fs::read_to_string(path)
                .with_context(|| format!("reading API keys from {}", path.display()))?,
        );
        text.push('\n');
        sources.push(path.display().to_string());
    }
    if let Ok(v) = std::env::var("CORDON_API_KEYS") {
        if !v.trim().is_empty() {
            text.push_str(&v);
            sources.push("CORDON_API_KEYS".into());
        }
    }
    if sources.is_empty() {
        return Ok(None);
    }
    Ok(Some(ApiKeys::parse(&text, &sources.join(" + "))?))
}

pub fn run(
    lists: &ListArgs,
    audit: &AuditArgs,
    m: &crate::monitor_db::MonitorDbArgs,
    a: ServeArgs,
) -> Result<ExitCode> {
    if a.io_threads == 0 {
        bail!("--io-threads must be at least 1");
    }
    if a.max_connections == 0 {
        bail!("--max-connections must be at least 1");
    }
    for (flag, v) in [
        ("--timeout-ms", a.timeout_ms),
        ("--header-timeout-ms", a.header_timeout_ms),
        ("--idle-timeout-ms", a.idle_timeout_ms),
        ("--body-timeout-ms", a.body_timeout_ms),
    ] {
        if v == 0 {
            bail!("{flag} must be at least 1");
        }
    }
    if !(0.0..=1.0).contains(&a.max_drop) {
        bail!("--max-drop must be between 0 and 1");
    }
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .try_init();

    let keys = keys(&a)?;
    let config = ServerConfig {
        max_body_bytes: a.max_body,
        max_batch: a.max_batch,
        max_limit: a.max_limit,
        timeout: Duration::from_millis(a.timeout_ms),
        log_queries: a.log_queries,
        max_connections: a.max_connections,
        header_timeout: Duration::from_millis(a.header_timeout_ms),
        idle_timeout: Duration::from_millis(a.idle_timeout_ms),
        body_timeout: Duration::from_millis(a.body_timeout_ms),
    };
    let audit_log = match audit_target(lists, audit)? {
        Some(t) => Some(
            AuditLog::open(&t, AuditOptions::default())
                .with_context(|| format!("opening audit database {t}"))?,
        ),
        None => None,
    };
    let first = snapshot(lists)?;
    eprintln!(
        "cordon: serving snapshot {} ({} entities)",
        first.version(),
        first.index().len(),
    );
    if let Some(log) = &audit_log {
        eprintln!("cordon: audit trail: {}", log.target());
    } else {
        eprintln!("cordon: audit trail OFF (--no-audit)");
    }
    match &keys {
        Some(k) => eprintln!(
            "cordon: {} API key(s) configured ({} with the admin role)",
            k.len(),
            k.count_with(Role::Admin)
        ),
        None => eprintln!("cordon: no API keys configured: every caller is `anonymous`"),
    }
    let reload_args = lists.clone();
    let reload = Box::new(move || snapshot(&reload_args).map_err(|e| format!("{e:#}")));
    let sink: Option<Box<dyn AuditSink>> = audit_log.as_ref().map(crate::audit::server_sink);
    let mut state =
        AppState::new(first, Some(reload), config, keys, sink)?.with_reload_max_drop(a.max_drop);
    if a.monitor {
        let monitor = monitor_store(lists, audit, m, a.monitor_threshold)?;
        eprintln!(
            "cordon: monitoring: {} (a run after every reload)",
            monitor.location()
        );
        state = state.with_monitor(monitor);
    }
    let store_dir = data_dir(lists).filter(|d| cordon_store::is_store(d));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(a.io_threads)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let result: Result<()> = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(a.listen)
            .await
            .with_context(|| format!("listening on {}", a.listen))?;
        let bound = listener.local_addr().context("reading the bound address")?;
        // Tests and scripts read this line to find the port (--listen ...:0).
        eprintln!("cordon: listening on http://{bound}");
        spawn_reload_triggers(state.clone(), store_dir, a.watch_interval);
        let st = state.clone();
        tokio::spawn(async move { st.monitor_at_start().await });
        cordon_server::serve(listener, state, shutdown_signal())
            .await
            .context("serving HTTP")?;
        Ok(())
    });
    result?;
    if let Some(log) = audit_log {
        let n = log.close().context("closing the audit trail")?;
        eprintln!("cordon: audit: {n} records committed");
    }
    Ok(ExitCode::SUCCESS)
}

/// The monitoring store `cordon monitor` uses (--monitor-db), opened once
/// now and again for each connection the server needs.
fn monitor_store(
    lists: &ListArgs,
    audit: &AuditArgs,
    m: &crate::monitor_db::MonitorDbArgs,
    threshold: f64,
) -> Result<cordon_server::Monitor> {
    let target = crate::monitor_db::target(lists, audit, m)?;
    // Shown without a password (StoreTarget's Display).
    let location = target.to_string();
    let open = Box::new(move || target.open());
    Ok(cordon_server::Monitor::new(open, location, threshold)?)
}

/// SIGHUP reloads; a `cordon update` store is watched for a new current
/// snapshot.
fn spawn_reload_triggers(state: AppState, store_dir: Option<PathBuf>, every: u64) {
    #[cfg(unix)]
    {
        let st = state.clone();
        tokio::spawn(async move {
            use tokio::signal::unix::{signal, SignalKind};
            let Ok(mut hup) = signal(SignalKind::hangup()) else {
                tracing::warn!("cannot listen for SIGHUP; reload with POST /admin/reload");
                return;
            };
            while hup.recv().await.is_some() {
                tracing::info!("SIGHUP: reloading the lists");
                let _ = st.reload().await;
            }
        });
    }
    if let (Some(dir), true) = (store_dir, every > 0) {
        tokio::spawn(async move {
            let store = cordon_store::Store::open(&dir);
            let mut seen = store.current_name().ok().flatten();
            let mut tick = tokio::time::interval(Duration::from_secs(every));
            loop {
                tick.tick().await;
                let now = store.current_name().ok().flatten();
                if now.is_some() && now != seen {
                    tracing::info!(current = ?now, "new snapshot in the data folder: reloading");
                    if state.reload().await.is_ok() {
                        seen = now;
                    }
                }
            }
        });
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
