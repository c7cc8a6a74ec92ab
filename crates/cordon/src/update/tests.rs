//! `cordon update` against a local HTTP server on 127.0.0.1 that serves the
//! sample list, real shared files and broken ones.

use super::*;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// What the server answers for a path.
#[derive(Clone)]
enum Reply {
    Ok(Vec<u8>),
    Status(u16),
    /// Accept, read the request, never answer (closed after 20 s).
    Stall,
    /// 200 with the full Content-Length, then one byte every `ms`
    /// milliseconds; closed after 15 s.
    Trickle(Vec<u8>, u64),
    /// `status` with `Location: location`.
    Redirect(u16, String),
}

type Routes = Arc<Mutex<HashMap<String, Reply>>>;

/// A small HTTP/1.1 server on an ephemeral loopback port; its thread ends
/// with the test process.
struct Server {
    base: String,
    routes: Routes,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let routes: Routes = Arc::new(Mutex::new(HashMap::new()));
        let r = routes.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let r = r.clone();
                std::thread::spawn(move || serve(stream, &r));
            }
        });
        Server {
            base: format!("http://{addr}"),
            routes,
        }
    }

    fn set(&self, path: &str, reply: Reply) {
        self.routes
            .lock()
            .expect("routes")
            .insert(path.to_string(), reply);
    }
}

fn serve(stream: TcpStream, routes: &Routes) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    loop {
        let mut h = String::new();
        match reader.read_line(&mut h) {
            Ok(0) | Err(_) => break,
            Ok(_) if h == "\r\n" || h == "\n" => break,
            Ok(_) => {}
        }
    }
    let reply = routes
        .lock()
        .map(|r| r.get(&path).cloned())
        .unwrap_or(None)
        .unwrap_or(Reply::Status(404));
    let mut out = stream;
    match reply {
        Reply::Ok(body) => {
            let _ = write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = out.write_all(&body);
        }
        Reply::Status(code) => {
            let body = format!("status {code}");
            let _ = write!(
                out,
                "HTTP/1.1 {code} Error\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
        Reply::Stall => std::thread::sleep(Duration::from_secs(20)),
        Reply::Trickle(body, ms) => {
            let t0 = std::time::Instant::now();
            let _ = write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            for b in body {
                if t0.elapsed() > Duration::from_secs(15)
                    || out.write_all(&[b]).and_then(|()| out.flush()).is_err()
                {
                    break;
                }
                std::thread::sleep(Duration::from_millis(ms));
            }
        }
        Reply::Redirect(code, location) => {
            let _ = write!(
                out,
                "HTTP/1.1 {code} Moved\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    }
}

fn sample(file: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/sample")
        .join(file);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Options for a fast test run against `base`.
fn args(base: &str, only: &[&str]) -> UpdateArgs {
    UpdateArgs {
        only: only.iter().map(|s| s.to_string()).collect(),
        sources: Vec::new(),
        base_url: Some(base.to_string()),
        max_drop: 0.5,
        connect_timeout: 2.0,
        timeout: 1.0,
        download_timeout: 60.0,
        deadline: 120.0,
        attempts: 2,
        backoff: 0.05,
        max_size: 64,
        list_sources: false,
    }
}

fn serve_sample_sdn(server: &Server) {
    for f in ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"] {
        server.set(&format!("/{f}"), Reply::Ok(sample(f)));
    }
}

/// The broken cases: each fails with its exit status, names the list, and
/// leaves the previous snapshot current.
#[test]
fn broken_downloads_keep_the_previous_snapshot() {
    let server = Server::start();
    serve_sample_sdn(&server);
    let dir = tempfile::tempdir().expect("tempdir");
    let a = args(&server.base, &["ofac-sdn"]);
    let first = update(dir.path(), &a).expect("first update");
    assert!(first.changed);
    let store = Store::open(dir.path());
    assert_eq!(
        store.current_name().ok().flatten(),
        Some(first.name.clone())
    );
    let snap = Snapshot::from_dir(dir.path()).expect("current snapshot loads");
    assert_eq!(snap.version(), first.version);

    // The same files again: nothing changes.
    let again = update(dir.path(), &a).expect("second update");
    assert!(!again.changed);
    assert_eq!(store.snapshots().expect("snapshots").len(), 1);

    let good = sample("sdn.csv");
    let text = String::from_utf8_lossy(&good).into_owned();
    // Cut inside a quoted field of the third line.
    let third = text
        .match_indices('\n')
        .nth(1)
        .map(|(i, _)| i + 5)
        .unwrap_or(10);
    let truncated = good[..third].to_vec();
    let one_entity: Vec<u8> = text
        .lines()
        .next()
        .map(|l| format!("{l}\n").into_bytes())
        .unwrap_or_default();
    let html = b"<!DOCTYPE html>\n<html><head><title>Service unavailable</title></head><body>Please try later</body></html>".to_vec();
    let cases: Vec<(&str, Reply, u8, &str)> = vec![
        (
            "truncated",
            Reply::Ok(truncated),
            EXIT_INVALID,
            "does not parse",
        ),
        ("empty", Reply::Ok(Vec::new()), EXIT_INVALID, "empty"),
        ("html with 200", Reply::Ok(html), EXIT_INVALID, "HTML"),
        (
            "collapsed",
            Reply::Ok(one_entity),
            EXIT_INVALID,
            "collapsed",
        ),
        ("http 500", Reply::Status(500), EXIT_DOWNLOAD, "HTTP 500"),
        ("http 404", Reply::Status(404), EXIT_DOWNLOAD, "HTTP 404"),
        ("stalled", Reply::Stall, EXIT_DOWNLOAD, "ofac-sdn (sdn.csv)"),
    ];
    for (case, reply, code, says) in cases {
        server.set("/sdn.csv", reply);
        let t0 = std::time::Instant::now();
        let err = update(dir.path(), &a).expect_err(case);
        assert_eq!(err.code, code, "{case}: {err}");
        assert!(err.message.contains("ofac-sdn"), "{case}: {err}");
        assert!(err.message.contains(says), "{case}: {err}");
        assert!(err.message.contains(&first.name), "{case}: {err}");
        assert!(
            t0.elapsed() < Duration::from_secs(10),
            "{case} took {:?}",
            t0.elapsed()
        );
        assert_eq!(
            store.current_name().ok().flatten(),
            Some(first.name.clone()),
            "{case}"
        );
        let snap = Snapshot::from_dir(dir.path()).expect("still loads");
        assert_eq!(snap.version(), first.version, "{case}");
        // Nothing left behind: no staging folder, no new snapshot.
        assert_eq!(store.snapshots().expect("snapshots").len(), 1, "{case}");
        let staging = std::fs::read_dir(store.snapshots_dir())
            .expect("read")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".staging"))
            .count();
        assert_eq!(staging, 0, "{case}");
    }

    // A file above the size cap.
    server.set("/sdn.csv", Reply::Ok(good.clone()));
    let mut small = args(&server.base, &["ofac-sdn"]);
    small.max_size = 0;
    let err = update(dir.path(), &small).expect_err("size cap");
    assert_eq!(err.code, EXIT_DOWNLOAD, "{err}");
    assert!(err.message.contains("size cap"), "{err}");

    // Unreachable port: connection refused, retried, then a download error.
    let closed = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let err = update(
        dir.path(),
        &args(&format!("http://127.0.0.1:{port}"), &["ofac-sdn"]),
    )
    .expect_err("refused");
    assert_eq!(err.code, EXIT_DOWNLOAD, "{err}");
    assert_eq!(store.current_name().ok().flatten(), Some(first.name));
}

#[test]
fn options_are_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = args("http://127.0.0.1:9", &["no-such-list"]);
    assert_eq!(update(dir.path(), &a).expect_err("unknown").code, 1);
    a.only = vec!["ofac-sdn".to_string()];
    a.sources = vec!["ofac-sdn=ftp://x".to_string()];
    assert_eq!(update(dir.path(), &a).expect_err("scheme").code, 1);
    a.sources = vec!["ofac-sdn/nope.csv=http://127.0.0.1:9/x".to_string()];
    assert_eq!(update(dir.path(), &a).expect_err("file").code, 1);
    a.sources = Vec::new();
    a.max_drop = 1.5;
    assert_eq!(update(dir.path(), &a).expect_err("max-drop").code, 1);
    // Every default source has an https address.
    for s in SOURCES.iter() {
        for (file, url) in s.files {
            assert!(url.starts_with("https://"), "{} {file}", s.name);
        }
    }
}

/// `--source NAME=URL` overrides one file, other lists are carried over,
/// and a newer real list replaces the older one.
#[test]
fn real_lists_update_and_carry_over() {
    let Some(root) = std::env::var_os("CORDON_DATA") else {
        println!("skipping: CORDON_DATA not set");
        return;
    };
    let lists = Path::new(&root).join("lists");
    assert!(
        lists.is_dir(),
        "CORDON_DATA is set but {} is missing",
        lists.display()
    );
    let read = |rel: &str| std::fs::read(lists.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let server = Server::start();
    for f in ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"] {
        server.set(
            &format!("/{f}"),
            Reply::Ok(read(&format!("ofac_sdn/2022-09-07/{f}"))),
        );
    }
    server.set(
        "/un-2018.xml",
        Reply::Ok(read("un/consolidated_2018-10-29.xml")),
    );
    server.set(
        "/un-2026.xml",
        Reply::Ok(read("un/consolidated_2026-02-27.xml")),
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = args(&server.base, &["ofac-sdn", "un-sc"]);
    a.sources = vec![format!("un-sc={}/un-2018.xml", server.base)];
    let first = update(dir.path(), &a).expect("first");
    let snap = Snapshot::from_dir(dir.path()).expect("load");
    let counts: Vec<(String, usize)> = snap
        .lists()
        .iter()
        .map(|l| (l.list.clone(), l.entities))
        .collect();
    assert_eq!(counts[0], ("ofac-sdn".to_string(), 8_976));
    assert_eq!(counts[1].0, "un-sc");
    assert_eq!(counts[1].1, 703 + 390);

    // Only the UN list, now 2026: the SDN list is carried over.
    let mut b = args(&server.base, &["un-sc"]);
    b.sources = vec![format!("un-sc={}/un-2026.xml", server.base)];
    let second = update(dir.path(), &b).expect("second");
    assert_ne!(second.version, first.version);
    let snap = Snapshot::from_dir(dir.path()).expect("load");
    let lists: Vec<_> = snap
        .lists()
        .iter()
        .map(|l| (l.list.as_str(), l.entities))
        .collect();
    assert!(lists.contains(&("ofac-sdn", 8_976)), "{lists:?}");
    assert!(lists.contains(&("un-sc", 730 + 273)), "{lists:?}");
    let manifest = Store::read_manifest(
        &Store::open(dir.path())
            .current()
            .ok()
            .flatten()
            .expect("current"),
    )
    .expect("manifest")
    .expect("present");
    assert_eq!(manifest.files.len(), 5);
    assert_eq!(manifest.version, second.version);
}

/// The staging folders in the store.
fn staging_folders(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(Store::open(dir).snapshots_dir())
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".staging"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// A server sending a byte every 100 ms (under the 1 s read timeout, so
/// only an overall deadline stops it) is cut off by --download-timeout on
/// each attempt.
#[test]
fn a_trickling_download_is_cut_off_by_its_deadline() {
    let server = Server::start();
    serve_sample_sdn(&server);
    server.set("/sdn.csv", Reply::Trickle(sample("sdn.csv"), 100));
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = args(&server.base, &["ofac-sdn"]);
    a.download_timeout = 1.0;
    let t0 = std::time::Instant::now();
    let err = update(dir.path(), &a).expect_err("trickle");
    let took = t0.elapsed();
    assert_eq!(err.code, EXIT_DOWNLOAD, "{err}");
    assert!(err.message.contains("--download-timeout"), "{err}");
    assert!(err.message.contains("2 attempts"), "{err}");
    // Two attempts of 1 s and a backoff; without the deadline the server
    // would hold each attempt for 15 s.
    assert!(took < Duration::from_secs(6), "took {took:?}");
    assert!(staging_folders(dir.path()).is_empty());
}

/// --deadline bounds the whole run, retries and backoff included.
#[test]
fn the_whole_update_has_a_deadline() {
    let server = Server::start();
    serve_sample_sdn(&server);
    server.set("/add.csv", Reply::Trickle(sample("add.csv"), 100));
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = args(&server.base, &["ofac-sdn"]);
    a.attempts = 10;
    a.deadline = 1.5;
    let t0 = std::time::Instant::now();
    let err = update(dir.path(), &a).expect_err("deadline");
    let took = t0.elapsed();
    assert_eq!(err.code, EXIT_DOWNLOAD, "{err}");
    assert!(err.message.contains("--deadline"), "{err}");
    assert!(err.message.contains("add.csv"), "{err}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn redirects_stay_on_the_same_host_and_never_drop_https() {
    // Same host: followed, relative or absolute, http upgraded to https.
    assert_eq!(
        redirect_target("https://a.example/x/sdn.csv", "/y/sdn.csv").as_deref(),
        Ok("https://a.example/y/sdn.csv")
    );
    assert_eq!(
        redirect_target("https://a.example/x", "https://a.example:443/z").as_deref(),
        Ok("https://a.example/z")
    );
    assert!(redirect_target("http://127.0.0.1:8/x", "https://127.0.0.1:8/x").is_ok());
    // Refused: plain http from https, another host, another port, ftp.
    for (from, to, says) in [
        ("https://a.example/x", "http://a.example/x", "plain http"),
        ("https://a.example/x", "https://b.example/x", "another host"),
        (
            "https://a.example/x",
            "https://a.example.evil.test/x",
            "another host",
        ),
        (
            "http://127.0.0.1:8/x",
            "http://127.0.0.1:9/x",
            "another host",
        ),
        ("https://a.example/x", "ftp://a.example/x", "not http"),
    ] {
        let e = redirect_target(from, to).expect_err(to);
        assert!(e.contains(says), "{from} -> {to}: {e}");
    }

    let server = Server::start();
    serve_sample_sdn(&server);
    let other = Server::start();
    serve_sample_sdn(&other);
    let dir = tempfile::tempdir().expect("tempdir");
    let a = args(&server.base, &["ofac-sdn"]);
    // To another server (another port of 127.0.0.1): refused, not retried.
    server.set(
        "/sdn.csv",
        Reply::Redirect(302, format!("{}/sdn.csv", other.base)),
    );
    let err = update(dir.path(), &a).expect_err("other host");
    assert_eq!(err.code, EXIT_DOWNLOAD, "{err}");
    assert!(err.message.contains("another host"), "{err}");
    assert!(err.message.contains(&other.base), "{err}");
    // A redirect loop ends.
    server.set("/sdn.csv", Reply::Redirect(302, "/sdn.csv".into()));
    let err = update(dir.path(), &a).expect_err("loop");
    assert!(err.message.contains("redirects"), "{err}");
    // On the same server: followed.
    server.set("/moved/sdn.csv", Reply::Ok(sample("sdn.csv")));
    server.set("/sdn.csv", Reply::Redirect(301, "/moved/sdn.csv".into()));
    let done = update(dir.path(), &a).expect("same-host redirect");
    assert!(done.changed);
}

/// A crashed update leaves its staging folder; the next run removes it,
/// and only folders named as staging folders are touched. An update
/// running on the same folder is refused, not raced.
#[test]
fn stale_staging_folders_are_removed_under_the_update_lock() {
    let server = Server::start();
    serve_sample_sdn(&server);
    let dir = tempfile::tempdir().expect("tempdir");
    let snaps = Store::open(dir.path()).snapshots_dir();
    std::fs::create_dir_all(snaps.join(".staging-4242-17/ofac-sdn")).expect("mkdir");
    std::fs::write(snaps.join(".staging-4242-17/ofac-sdn/sdn.csv"), "x").expect("write");
    std::fs::create_dir_all(snaps.join(".staging-notours")).expect("mkdir");
    std::fs::write(snaps.join(".staging-1-2"), "a file").expect("write");
    let a = args(&server.base, &["ofac-sdn"]);

    // While another update holds the lock: refused, nothing removed.
    let held = lock_store(dir.path()).expect("lock");
    let err = update(dir.path(), &a).expect_err("locked");
    assert_eq!(err.code, 1, "{err}");
    assert!(err.message.contains("another cordon update"), "{err}");
    assert!(snaps.join(".staging-4242-17").is_dir());
    drop(held);

    update(dir.path(), &a).expect("update");
    assert_eq!(
        staging_folders(dir.path()),
        vec![".staging-1-2".to_string(), ".staging-notours".to_string()]
    );
    assert!(is_staging_name(".staging-12-345"));
    assert!(!is_staging_name(".staging-12-"));
    assert!(!is_staging_name(".staging-x-1"));
}
